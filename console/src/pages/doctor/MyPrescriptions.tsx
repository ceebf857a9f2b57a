/** The doctor's own prescriptions, newest state from the ledger, refreshed live; one nothing was dispensed from can be revoked. */
import { Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client';
import type { Page, PrescriptionRecord, Written } from '../../api/model';
import { PagedTable, StatusTag, when } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';
import { useLedgerEvents } from '../../events';
import { useSession } from '../../session';

/** Asks for the reason (it goes on the chain) and revokes; a refusal (already dispensed meanwhile) is said in words. */
function RevokeDialog({ rx, onClose }: { rx: PrescriptionRecord; onClose(revoked: boolean): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const revoke = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await answer<Written<'prescription', PrescriptionRecord>>(api.POST('/prescriptions/{id}/revocation', { params: { path: { id: rx.rxId } }, body: { reason: reason.trim() } }));
      onClose(true);
    } catch (err) {
      if (!showFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('doctor.revokeTitle', { rxId: rx.rxId })} onCancel={() => onClose(false)} okText={t('doctor.revoke')} okButtonProps={{ danger: true, loading: busy, htmlType: 'submit', form: 'revoke', 'data-testid': 'revoke-confirm' }} cancelText={t('common.cancel')} destroyOnClose>
      <ErrorAlert error={error} />
      <Form form={form} name="revoke" layout="vertical" onFinish={(v) => void revoke(v)}>
        <Form.Item name="reason" label={t('doctor.revokeReason')} rules={[{ required: true, whitespace: true, message: t('doctor.revokeReasonRequired') }]}>
          <Input maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MyPrescriptions() {
  const { t } = useTranslation();
  const session = useSession();
  const [refresh, setRefresh] = useState(0);
  const [revoking, setRevoking] = useState<PrescriptionRecord>();
  useLedgerEvents((e) => e.name.startsWith('Prescription'), () => setRefresh((n) => n + 1));
  const prescriber = session.licenceId ?? '';
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.doctor.mine')}</Typography.Title>
      <PagedTable<PrescriptionRecord>
        rowKey="rxId"
        deps={[prescriber]}
        refreshKey={refresh}
        fetchPage={(bookmark, pageSize) =>
          answer<Page<PrescriptionRecord>>(api.GET('/prescriptions', { params: { query: { prescriber, pageSize, ...(bookmark ? { bookmark } : {}) } } }))}
        columns={[
          { title: t('common.rxId'), dataIndex: 'rxId', render: (v: string) => <code>{v}</code> },
          { title: t('doctor.issuedAt'), dataIndex: 'issuedAt', render: when },
          { title: t('doctor.kind'), dataIndex: 'kind', render: (v: string) => t(`kind.${v}`) },
          { title: t('doctor.items'), key: 'items', render: (_: unknown, r) => r.items.map((i) => `${i.name} ${i.quantity - i.remainingQuantity}/${i.quantity}`).join('；') },
          { title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
          { title: t('doctor.validUntil'), dataIndex: 'validUntil', render: when },
          { title: t('doctor.flagged'), dataIndex: 'flagged', render: (v: boolean) => (v ? t('common.yes') : '') },
          { title: t('common.actions'), key: 'a', render: (_: unknown, r) => (r.status === 'ISSUED' && r.dispenseIds.length === 0
            ? <Button size="small" danger onClick={() => setRevoking(r)} data-testid={`revoke-${r.rxId}`}>{t('doctor.revoke')}</Button>
            : null) },
        ]}
      />
      {revoking && <RevokeDialog rx={revoking} onClose={(revoked) => { setRevoking(undefined); if (revoked) setRefresh((n) => n + 1); }} />}
    </>
  );
}
