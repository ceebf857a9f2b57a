/** The doctor's own prescriptions, newest state from the ledger, refreshed live. */
import { Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client';
import type { Page, PrescriptionRecord } from '../../api/model';
import { PagedTable, StatusTag, when } from '../../components/data';
import { useLedgerEvents } from '../../events';
import { useSession } from '../../session';

export function MyPrescriptions() {
  const { t } = useTranslation();
  const session = useSession();
  const [refresh, setRefresh] = useState(0);
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
        ]}
      />
    </>
  );
}
