/**
 * Cross-region clearing: what a batch with another region would hold now (gross owed per region
 * and the netted transfers, as a chart), propose it; the region's batches, confirm or reject its part.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client';
import { useInsurerRegions } from '../../api/insurer-regions';
import type { BatchRecord, ClearableSummary, ClearingResult, NetPosition, Page, Written } from '../../api/model';
import { Chart } from '../../components/Chart';
import { Money, PagedTable, StatusTag, useLoad, when, yuan } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';
import { useLedgerEvents } from '../../events';
import { useSession } from '../../session';

/** The netted plan: one transfer per paying → receiving region. */
const legsText = (legs: readonly NetPosition[]): string => legs.map((l) => `${l.payerRegion} → ${l.payeeRegion} ${yuan(l.amountFen)}`).join('；');

export function Clearing() {
  const { t } = useTranslation();
  const { region = '' } = useSession();
  const others = useInsurerRegions().filter((r) => r !== region);
  const [chosen, setCounterparty] = useState<string>();
  const counterparty = chosen ?? others[0] ?? '';
  const [refresh, setRefresh] = useState(0);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState<BatchRecord>();
  const [proposed, setProposed] = useState<BatchRecord>();
  const [rejectForm] = Form.useForm<{ reason: string }>();
  useLedgerEvents((e) => e.name.startsWith('Batch') || e.name === 'ClaimRemitted', () => setRefresh((n) => n + 1));
  const clearable = useLoad(
    async () => (counterparty ? answer<ClearableSummary>(api.GET('/settlement/clearable/{counterpartyRegion}', { params: { path: { counterpartyRegion: counterparty } } })) : undefined),
    [counterparty, refresh],
  );
  const c = clearable.data;
  const owedRegions = c ? Object.keys(c.owedFenByRegion) : [];

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      setRefresh((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const propose = () =>
    act(async () => {
      if (!c) return;
      const { batch } = await answer<Written<'batch', BatchRecord>>(api.POST('/settlement/batches', {
        params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
        body: { counterpartyRegion: counterparty, claimIds: c.claimIds, owedFenByRegion: c.owedFenByRegion },
      }));
      setProposed(batch);
    });
  const confirm = (batch: BatchRecord) =>
    act(() => answer<ClearingResult>(api.POST('/settlement/batches/{id}/confirmation', {
      params: { path: { id: batch.batchId }, header: { 'Idempotency-Key': `confirm-${batch.batchId}` } },
      body: { paymentRef: `BANK-${batch.batchId}`.slice(0, 128) },
    })));
  const reject = async ({ reason }: { reason: string }) => {
    if (!rejecting) return;
    try {
      await answer<Written<'batch', BatchRecord>>(api.POST('/settlement/batches/{id}/rejection', { params: { path: { id: rejecting.batchId } }, body: { reason: reason.trim() } }));
      setRejecting(undefined);
      setRefresh((n) => n + 1);
    } catch (err) {
      if (!showFieldErrors(rejectForm, err)) setError(err);
    }
  };

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.insurer.clearing')} · {region}</Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }} title={
        <Space>{t('clearing.with')}
          <Select value={counterparty} onChange={setCounterparty} style={{ width: 140 }} aria-label={t('clearing.with')}
            options={others.map((r) => ({ value: r, label: `${t(`region.${r}`, { defaultValue: r })} ${r}` }))} />
        </Space>}>
        <ErrorAlert error={clearable.error} />
        {c && (
          <>
            <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={[
              { key: 'n', label: t('clearing.claims'), children: <span data-testid="clearable-count">{c.claimIds.length}</span> },
              ...owedRegions.map((r) => ({ key: r, label: t('clearing.owedBy', { region: r }), children: <Money fen={c.owedFenByRegion[r]} /> })),
              { key: 'net', label: t('clearing.net'), children: c.legs.length ? <strong data-testid="clearable-net">{legsText(c.legs)}</strong> : t('clearing.nothing') },
            ]} />
            <Chart kind="bar" height={160} testId="owed-per-region" labels={owedRegions} values={owedRegions.map((r) => c.owedFenByRegion[r])} format={yuan} />
            <Button type="primary" disabled={!c.claimIds.length} loading={busy} onClick={() => void propose()} data-testid="propose">{t('clearing.propose')}</Button>
          </>
        )}
      </Card>
      <ErrorAlert error={error} onClose={() => setError(undefined)} />
      {proposed && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} message={<span>{t('clearing.proposedBatch')} <code data-testid="proposed-batch">{proposed.batchId}</code></span>} />
      )}
      <Typography.Title level={4}>{t('clearing.batches')}</Typography.Title>
      <PagedTable<BatchRecord>
        rowKey="batchId"
        deps={[region]}
        refreshKey={refresh}
        fetchPage={(bookmark, pageSize) =>
          answer<Page<BatchRecord>>(api.GET('/regions/{region}/batches', { params: { path: { region }, query: { pageSize, ...(bookmark ? { bookmark } : {}) } } }))}
        columns={[
          { title: t('clearing.batch'), dataIndex: 'batchId', render: (s: string) => <code>{s}</code> },
          { title: t('clearing.proposer'), dataIndex: 'proposerRegion' },
          { title: t('clearing.counterparty'), key: 'regions', render: (_: unknown, b) => b.regions.filter((r) => r !== b.proposerRegion).join(', ') },
          { title: t('clearing.claims'), key: 'n', render: (_: unknown, b) => b.claimIds.length },
          { title: t('clearing.net'), key: 'net', render: (_: unknown, b) => (b.legs.length ? legsText(b.legs) : '—') },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('clearing.proposed'), key: 'p', render: (_: unknown, b) => when(b.proposed.at) },
          {
            title: t('common.actions'), key: 'a', render: (_: unknown, b) =>
              b.status === 'PROPOSED' && b.awaiting.includes(region) ? (
                <Space>
                  <Button size="small" type="primary" loading={busy} onClick={() => void confirm(b)} data-testid={`confirm-${b.batchId}`}>{t('clearing.confirm')}</Button>
                  <Button size="small" danger onClick={() => setRejecting(b)}>{t('clearing.reject')}</Button>
                </Space>
              ) : b.rejectReason ?? '',
          },
        ]}
      />
      <Modal open={!!rejecting} title={t('clearing.reject')} onCancel={() => setRejecting(undefined)} onOk={() => rejectForm.submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} destroyOnClose>
        <Form form={rejectForm} layout="vertical" onFinish={(v) => void reject(v)}>
          <Form.Item name="reason" label={t('insurer.reason')} rules={[{ required: true, whitespace: true, message: t('insurer.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
