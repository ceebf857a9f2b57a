/**
 * The claim for a dispense: the pharmacy names only the dispense, the e-invoice (its hash) and the
 * personal-account request; the split comes back computed by the chaincode from the ledger.
 */
import { Alert, Button, Descriptions, Form, Input, InputNumber, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client';
import type { ClaimRecord, DispenseRecord, Written } from '../../api/model';
import { Money, StatusTag } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface ClaimForm {
  invoiceNumber: string;
  personalAccountRequestYuan?: number;
}

export function ClaimPanel({ dispense }: { dispense: DispenseRecord }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ClaimForm>();
  const [claim, setClaim] = useState<ClaimRecord>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(crypto.randomUUID());

  const submit = async ({ invoiceNumber, personalAccountRequestYuan }: ClaimForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const { claim: record } = await answer<Written<'claim', ClaimRecord>>(
        api.POST('/claims', {
          params: { header: { 'Idempotency-Key': idempotencyKey.current } },
          body: {
            refType: 'dispense',
            refId: dispense.dispenseId,
            invoiceHash: await sha256Hex(`e-invoice ${invoiceNumber.trim()}`),
            ...(personalAccountRequestYuan ? { personalAccountRequestFen: Math.round(personalAccountRequestYuan * 100) } : {}),
          },
        }),
      );
      setClaim(record);
    } catch (err) {
      showFieldErrors(form, err);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (claim) {
    const a = claim.amounts;
    return (
      <div data-testid="claim">
        <Alert type="success" showIcon style={{ margin: '12px 0' }} message={<span>{t('pharmacist.claimed')} <code>{claim.claimId}</code> <StatusTag status={claim.status} /></span>} />
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} items={[
          { key: 't', label: t('claim.total'), children: <Money fen={a.totalFen} /> },
          { key: 'f', label: t('claim.fund'), children: <Money fen={a.fundFen} /> },
          { key: 'p', label: t('claim.account'), children: <Money fen={a.personalAccountFen} /> },
          { key: 's', label: t('claim.selfPay'), children: <Money fen={a.selfPayFen} /> },
        ]} />
      </div>
    );
  }
  return (
    <Form<ClaimForm> form={form} layout="inline" onFinish={submit} style={{ marginTop: 12, rowGap: 8 }} initialValues={{ invoiceNumber: `INV-${dispense.dispenseId}` }}>
      <Form.Item name="invoiceNumber" label={t('pharmacist.invoice')} rules={[{ required: true, whitespace: true }]}>
        <Input style={{ width: 260 }} />
      </Form.Item>
      <Form.Item name="personalAccountRequestYuan" label={t('pharmacist.accountRequest')}>
        <InputNumber min={0} precision={2} prefix="¥" style={{ width: 140 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-claim">{t('pharmacist.submitClaim')}</Button>
      </Space>
      <div style={{ width: '100%' }}><ErrorAlert error={error} /></div>
    </Form>
  );
}
