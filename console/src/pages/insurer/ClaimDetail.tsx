/** One claim: its split, lines, rule hits with the policy version, history; approve or reject with a reason, pay. */
import { Button, Card, Descriptions, Form, Input, Modal, Radio, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { ClaimRecord, PaymentResult, Written } from '../../api/model';
import { Loading, Money, StatusTag, useLoad, when } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';
import { useLedgerEvents } from '../../events';
import { useSession } from '../../session';

interface ReviewForm {
  decision: 'APPROVED' | 'REJECTED';
  reason?: string;
}

export function ClaimDetail() {
  const { t } = useTranslation();
  const { claimId = '' } = useParams();
  const { region } = useSession();
  const claim = useLoad(() => answer<ClaimRecord>(api.GET('/claims/{id}', { params: { path: { id: claimId } } })), [claimId]);
  useLedgerEvents((e) => e.payload.claimId === claimId, () => claim.reload());
  const [reviewing, setReviewing] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ReviewForm>();
  const decision = Form.useWatch('decision', form);
  const c = claim.data;
  if (!c) return claim.loading ? <Loading /> : <ErrorAlert error={claim.error} />;
  const mine = c.treatmentRegion === region;
  const needsReason = decision === 'REJECTED' || c.status === 'MANUAL_REVIEW';

  const review = async (values: ReviewForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await answer<Written<'claim', ClaimRecord>>(api.POST('/claims/{id}/review', {
        params: { path: { id: claimId } },
        body: { decision: values.decision, ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}) },
      }));
      setReviewing(false);
      claim.reload();
    } catch (err) {
      if (!showFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const pay = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await answer<PaymentResult>(api.POST('/claims/{id}/payment', {
        params: { path: { id: claimId }, header: { 'Idempotency-Key': `pay-${claimId}` } },
        body: { paymentRef: `BANK-${claimId}`.slice(0, 128) },
      }));
      claim.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const a = c.amounts;
  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('claim.title')} <code>{c.claimId}</code> <StatusTag status={c.status} /></Typography.Title>
        {mine && (
          <Space>
            {['UNDER_REVIEW', 'MANUAL_REVIEW', 'SUBMITTED'].includes(c.status) && (
              <Button type="primary" onClick={() => setReviewing(true)} data-testid="review">{t('insurer.review')}</Button>
            )}
            {c.status === 'APPROVED' && <Button type="primary" loading={busy} onClick={() => void pay()} data-testid="pay">{t('insurer.pay', { amount: `¥${(a.fundFen / 100).toFixed(2)}` })}</Button>}
          </Space>
        )}
      </Space>
      <ErrorAlert error={error} onClose={() => setError(undefined)} />
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 16 }} items={[
        { key: 't', label: t('claim.total'), children: <Money fen={a.totalFen} /> },
        { key: 'f', label: t('claim.fund'), children: <strong data-testid="fund-share"><Money fen={a.fundFen} /></strong> },
        { key: 'p', label: t('claim.account'), children: <Money fen={a.personalAccountFen} /> },
        { key: 's', label: t('claim.selfPay'), children: <Money fen={a.selfPayFen} /> },
        { key: 'sf', label: t('claim.selfPayFirst'), children: <Money fen={a.selfPayFirstFen} /> },
        { key: 'd', label: t('claim.deductible'), children: <Money fen={a.deductibleFen} /> },
        { key: 'r', label: t('claim.ratio'), children: `${c.ruleSnapshot.ratioBp / 100} % (${t(`ratioBasis.${c.ruleSnapshot.ratioBasis}`)})` },
        { key: 'pv', label: t('claim.policy'), children: `${c.ruleSnapshot.policy.region} v${c.ruleSnapshot.policy.version}` },
        { key: 'i', label: t('claim.institution'), children: `${c.institutionId} (${t(`level.${c.institutionLevel}`, { defaultValue: c.institutionLevel })})` },
        { key: 'ir', label: t('claim.regions'), children: `${c.insuredRegion} → ${c.treatmentRegion}${c.crossRegion ? ` · ${t('claim.crossRegion')}` : ''}` },
        { key: 'ref', label: t('claim.ref'), children: `${c.refType} ${c.refId}` },
        { key: 'b', label: t('claim.batch'), children: c.batchId ?? '—' },
      ]} />
      <Card size="small" title={t('claim.hits')} style={{ marginBottom: 16 }}>
        {c.reviewHits.length === 0 ? <Typography.Text type="secondary">{t('claim.noHits')}</Typography.Text> : (
          <Table rowKey={(h) => `${h.ruleId}-${h.detail}`} size="small" pagination={false} dataSource={c.reviewHits} columns={[
            { title: t('claim.rule'), dataIndex: 'ruleId' },
            { title: t('claim.severity'), dataIndex: 'severity', render: (s: string) => t(`severity.${s}`) },
            { title: t('claim.detail'), dataIndex: 'detail' },
            { title: t('claim.policy'), key: 'p', render: (_: unknown, h) => `${h.policy.region} v${h.policy.version}` },
          ]} />
        )}
      </Card>
      <Card size="small" title={t('claim.lines')} style={{ marginBottom: 16 }}>
        <Table rowKey="lineNo" size="small" pagination={false} scroll={{ x: 'max-content' }} dataSource={c.feeLines} columns={[
          { title: '#', dataIndex: 'lineNo' },
          { title: t('claim.item'), dataIndex: 'item' },
          { title: t('pharmacist.coverage'), key: 'c', render: (_: unknown, l) => t(`coverage.${l.coverage.class}`) },
          { title: t('pharmacist.unitPrice'), dataIndex: 'unitPriceFen', render: (f: number) => <Money fen={f} /> },
          { title: t('doctor.quantity'), dataIndex: 'quantity' },
          { title: t('pharmacist.amount'), dataIndex: 'amountFen', render: (f: number) => <Money fen={f} /> },
          { title: t('claim.fund'), dataIndex: 'insurerAmountFen', render: (f: number) => <Money fen={f} /> },
          { title: t('claim.patientPart'), dataIndex: 'selfAmountFen', render: (f: number) => <Money fen={f} /> },
        ]} />
      </Card>
      <Card size="small" title={t('claim.history')}>
        <Timeline items={c.statusHistory.map((h) => ({
          key: h.txId + h.status,
          children: <span><StatusTag status={h.status} /> {when(h.at)} · {h.by.mspId} · {h.reason} <Typography.Text type="secondary" code>{h.txId.slice(0, 12)}…</Typography.Text></span>,
        }))} />
      </Card>
      <Modal open={reviewing} title={t('insurer.review')} onCancel={() => setReviewing(false)} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.confirm')} cancelText={t('common.cancel')} destroyOnClose>
        <Form<ReviewForm> form={form} layout="vertical" onFinish={review} initialValues={{ decision: 'APPROVED' }}>
          <Form.Item name="decision" label={t('insurer.decision')}>
            <Radio.Group options={[{ value: 'APPROVED', label: t('status.APPROVED') }, { value: 'REJECTED', label: t('status.REJECTED') }]} />
          </Form.Item>
          <Form.Item name="reason" label={t('insurer.reason')} rules={needsReason ? [{ required: true, whitespace: true, message: t('insurer.reasonRequired') }] : []}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
