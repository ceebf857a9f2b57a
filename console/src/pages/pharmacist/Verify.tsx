/**
 * Enter or scan a prescription id (a scanner types it and presses Enter), then one screen: the
 * verdict in big letters, what remains, dispense in part or in full with fee lines priced from
 * the payment standard recorded at issue, and the claim for what was dispensed.
 */
import { Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { DispenseRecord, VerifyResult, VerifyStatus, Written } from '../../api/model';
import { Loading, Money, StatusTag, useLoad, when, yuan } from '../../components/data';
import { ErrorAlert } from '../../components/errors';
import { usePrescriptionEvents } from '../../events';
import { ClaimPanel } from './ClaimPanel';

const RX_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function VerifyEntry() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card title={t('pharmacist.enterTitle')} style={{ maxWidth: 640 }}>
      <Form layout="vertical" onFinish={({ rxId }: { rxId: string }) => navigate(`/app/pharmacist/verify/${encodeURIComponent(rxId.trim())}`)}>
        <Form.Item name="rxId" label={t('pharmacist.rxId')} extra={t('pharmacist.scanHint')}
          rules={[{ required: true, message: t('pharmacist.rxIdRequired') }, { pattern: RX_ID, message: t('pharmacist.rxIdRule') }]}>
          <Input size="large" autoFocus placeholder="RX-…" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large">{t('pharmacist.verify')}</Button>
      </Form>
    </Card>
  );
}

const VERDICT_COLOUR: Record<VerifyStatus, string> = {
  VALID: '#1f8b4c', NOT_YET_VALID: '#d48806', EXPIRED: '#cf1322', REVOKED: '#cf1322', FULLY_DISPENSED: '#595959', PRESCRIBER_SUSPENDED: '#cf1322',
};

interface LineInput {
  quantity: number;
  unitPriceFen: number;
}

export function VerifyScreen() {
  const { t } = useTranslation();
  const { rxId = '' } = useParams();
  const navigate = useNavigate();
  const verification = useLoad(() => answer<VerifyResult>(api.GET('/prescriptions/{id}/verification', { params: { path: { id: rxId } } })), [rxId]);
  const [lines, setLines] = useState<Record<string, LineInput>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [dispensed, setDispensed] = useState<DispenseRecord>();
  const idempotencyKey = useRef(crypto.randomUUID());
  const v = verification.data;

  // A dispense of this prescription at any pharmacy (its own event stream), and coming back to the tab, refresh it.
  const { reload } = verification;
  usePrescriptionEvents(rxId, reload);
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);

  // Fill every line with what remains at the payment standard recorded at issue.
  useEffect(() => {
    if (!v) return;
    setLines(Object.fromEntries(v.items.map((i) => [i.drugCode, { quantity: i.remaining, unitPriceFen: i.coverage.paymentStandardFen ?? 0 }])));
  }, [v]);

  const chosen = useMemo(() => (v?.items ?? []).filter((i) => (lines[i.drugCode]?.quantity ?? 0) > 0), [v, lines]);
  const totalFen = chosen.reduce((sum, i) => sum + lines[i.drugCode].quantity * lines[i.drugCode].unitPriceFen, 0);

  const dispense = async (all: boolean) => {
    if (!v) return;
    setBusy(true);
    setError(undefined);
    const picked = all ? v.items.filter((i) => i.remaining > 0).map((i) => ({ ...i, q: i.remaining })) : chosen.map((i) => ({ ...i, q: lines[i.drugCode].quantity }));
    try {
      const { dispense: record } = await answer<Written<'dispense', DispenseRecord>>(
        api.POST('/prescriptions/{id}/dispensations', {
          params: { path: { id: rxId }, header: { 'Idempotency-Key': idempotencyKey.current } },
          body: {
            items: picked.map((i) => ({ drugCode: i.drugCode, quantity: i.q })),
            feeLines: picked.map((i) => {
              const unitPriceFen = lines[i.drugCode]?.unitPriceFen ?? 0;
              return { drugCode: i.drugCode, unitPriceFen, quantity: i.q, amountFen: unitPriceFen * i.q };
            }),
          },
        }),
      );
      setDispensed(record);
      idempotencyKey.current = crypto.randomUUID();
    } catch (err) {
      setError(err);
      idempotencyKey.current = crypto.randomUUID();
    } finally {
      setBusy(false);
      reload();
    }
  };

  if (verification.loading && !v) return <Loading />;
  if (!v) {
    return (
      <>
        <ErrorAlert error={verification.error} />
        <Button onClick={() => navigate('/app/pharmacist')}>{t('pharmacist.another')}</Button>
      </>
    );
  }
  const canDispense = v.status === 'VALID' && v.items.some((i) => i.remaining > 0);

  return (
    <>
      <div data-testid="verdict" data-status={v.status} role="status"
        style={{ background: VERDICT_COLOUR[v.status], color: '#fff', borderRadius: 8, padding: '20px 24px', marginBottom: 16 }}>
        <div style={{ fontSize: 40, fontWeight: 700, letterSpacing: 1, lineHeight: 1.2 }}>{t(`verdict.${v.status}`)}</div>
        <div style={{ fontSize: 16, opacity: 0.9 }}>{t(`verdictEn.${v.status}`)} · <code style={{ color: '#fff' }}>{v.rxId}</code></div>
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }} items={[
        { key: 'k', label: t('doctor.kind'), children: t(`kind.${v.kind}`) },
        { key: 'i', label: t('doctor.issuedAt'), children: when(v.issuedAt) },
        { key: 'u', label: t('doctor.validUntil'), children: when(v.validUntil) },
        { key: 'p', label: t('pharmacist.prescriber'), children: `${v.prescriber.doctorId} @ ${v.prescriber.institutionId}` },
        { key: 'r', label: t('pharmacist.rxRight'), children: v.prescriber.rxRight },
        { key: 's', label: t('pharmacist.recorded'), children: <StatusTag status={v.recordedStatus} /> },
      ]} />
      <Card size="small" title={t('pharmacist.items')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="drugCode"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={v.items}
          columns={[
            { title: t('doctor.drug'), key: 'd', render: (_: unknown, i) => <span>{i.name} <Typography.Text type="secondary">{i.drugCode}</Typography.Text></span> },
            { title: t('pharmacist.coverage'), key: 'c', render: (_: unknown, i) => <Tag>{t(`coverage.${i.coverage.class}`)}</Tag> },
            { title: t('pharmacist.prescribed'), dataIndex: 'prescribed' },
            { title: t('pharmacist.dispensedSoFar'), dataIndex: 'dispensed' },
            { title: t('pharmacist.remaining'), dataIndex: 'remaining', render: (n: number, i) => <strong data-testid={`remaining-${i.drugCode}`}>{n}</strong> },
            ...(canDispense ? [
              { title: t('pharmacist.now'), key: 'q', render: (_: unknown, i: VerifyResult['items'][number]) => (
                <InputNumber aria-label={`${t('pharmacist.now')} ${i.drugCode}`} data-testid={`quantity-${i.drugCode}`} min={0} max={i.remaining} precision={0}
                  value={lines[i.drugCode]?.quantity} disabled={i.remaining === 0}
                  onChange={(q) => setLines((l) => ({ ...l, [i.drugCode]: { ...l[i.drugCode], quantity: q ?? 0 } }))} />) },
              { title: t('pharmacist.unitPrice'), key: 'p', render: (_: unknown, i: VerifyResult['items'][number]) => (
                <Space direction="vertical" size={0}>
                  <InputNumber aria-label={`${t('pharmacist.unitPrice')} ${i.drugCode}`} min={0} max={i.coverage.paymentStandardFen} precision={2} prefix="¥"
                    value={(lines[i.drugCode]?.unitPriceFen ?? 0) / 100}
                    onChange={(y) => setLines((l) => ({ ...l, [i.drugCode]: { ...l[i.drugCode], unitPriceFen: Math.round((y ?? 0) * 100) } }))} />
                  {i.coverage.paymentStandardFen !== undefined && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pharmacist.standardAtIssue', { price: yuan(i.coverage.paymentStandardFen) })}</Typography.Text>}
                </Space>) },
              { title: t('pharmacist.amount'), key: 'a', render: (_: unknown, i: VerifyResult['items'][number]) => <Money fen={(lines[i.drugCode]?.quantity ?? 0) * (lines[i.drugCode]?.unitPriceFen ?? 0)} /> },
            ] : []),
          ]}
        />
        {canDispense && (
          <Space style={{ marginTop: 12 }} wrap>
            <Button type="primary" size="large" loading={busy} onClick={() => void dispense(true)} data-testid="dispense-all">{t('pharmacist.dispenseAll')}</Button>
            <Button size="large" loading={busy} disabled={!chosen.length} onClick={() => void dispense(false)} data-testid="dispense-part">
              {t('pharmacist.dispensePart', { total: yuan(totalFen) })}
            </Button>
          </Space>
        )}
      </Card>
      <ErrorAlert error={error} onClose={() => setError(undefined)} />
      {dispensed && (
        <Card size="small" title={t('pharmacist.dispensedTitle')} style={{ marginBottom: 16 }} data-testid="dispensed">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
            { key: 'id', label: t('pharmacist.dispenseId'), children: <Typography.Text copyable code>{dispensed.dispenseId}</Typography.Text> },
            { key: 't', label: t('pharmacist.amount'), children: <Money fen={dispensed.totalFen} /> },
            { key: 's', label: t('pharmacist.rxAfter'), children: <StatusTag status={dispensed.rxStatusAfter} /> },
          ]} />
          <ClaimPanel dispense={dispensed} />
        </Card>
      )}
      <Card size="small" title={t('pharmacist.history')} style={{ marginBottom: 16 }} data-testid="history-table">
        <Table
          rowKey="dispenseId"
          size="small"
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          dataSource={v.dispenses}
          locale={{ emptyText: t('pharmacist.noDispenses') }}
          columns={[
            { title: t('pharmacist.dispenseId'), dataIndex: 'dispenseId', render: (s: string) => <code>{s}</code> },
            { title: t('pharmacist.pharmacy'), dataIndex: 'pharmacyId' },
            { title: t('pharmacist.when'), key: 'w', render: (_: unknown, d) => when(d.dispensed.at) },
            { title: t('pharmacist.what'), key: 'i', render: (_: unknown, d) => d.items.map((i) => `${i.drugCode} × ${i.quantity}`).join('；') },
            { title: t('pharmacist.amount'), dataIndex: 'totalFen', render: (f: number) => <Money fen={f} /> },
          ]}
        />
      </Card>
      <Button onClick={() => navigate('/app/pharmacist')}>{t('pharmacist.another')}</Button>
    </>
  );
}
