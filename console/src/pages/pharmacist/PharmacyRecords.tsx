/** The caller's pharmacy: its dispenses and its claims, each list paged and refreshed live. */
import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { ClaimRecord, DispenseRecord, Page } from '../../api/model';
import { Money, PagedTable, StatusTag, when } from '../../components/data';
import { useLedgerEvents } from '../../events';
import { useSession } from '../../session';

export function PharmacyRecords() {
  const { t } = useTranslation();
  const { institutionId = '' } = useSession();
  const [refresh, setRefresh] = useState(0);
  useLedgerEvents((e) => e.name === 'PrescriptionDispensed' || e.name.startsWith('Claim'), () => setRefresh((n) => n + 1));
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.pharmacist.dispenses')} · {institutionId}</Typography.Title>
      <Tabs items={[
        {
          key: 'dispenses',
          label: t('pharmacist.dispensesTab'),
          children: (
            <PagedTable<DispenseRecord>
              rowKey="dispenseId"
              deps={[institutionId]}
              refreshKey={refresh}
              fetchPage={(bookmark, pageSize) =>
                answer<Page<DispenseRecord>>(api.GET('/pharmacies/{id}/dispenses', { params: { path: { id: institutionId }, query: { pageSize, ...(bookmark ? { bookmark } : {}) } } }))}
              columns={[
                { title: t('pharmacist.dispenseId'), dataIndex: 'dispenseId', render: (s: string) => <code>{s}</code> },
                { title: t('common.rxId'), dataIndex: 'rxId', render: (s: string) => <Link to={`/app/pharmacist/verify/${encodeURIComponent(s)}`}>{s}</Link> },
                { title: t('pharmacist.when'), key: 'w', render: (_: unknown, d) => when(d.dispensed.at) },
                { title: t('pharmacist.what'), key: 'i', render: (_: unknown, d) => d.feeLines.map((l) => `${l.item} × ${l.quantity}`).join('；') },
                { title: t('pharmacist.amount'), dataIndex: 'totalFen', render: (f: number) => <Money fen={f} /> },
                { title: t('pharmacist.rxAfter'), dataIndex: 'rxStatusAfter', render: (s: string) => <StatusTag status={s} /> },
              ]}
            />
          ),
        },
        {
          key: 'claims',
          label: t('pharmacist.claimsTab'),
          children: (
            <PagedTable<ClaimRecord>
              rowKey="claimId"
              deps={[institutionId]}
              refreshKey={refresh}
              fetchPage={(bookmark, pageSize) =>
                answer<Page<ClaimRecord>>(api.GET('/institutions/{id}/claims', { params: { path: { id: institutionId }, query: { pageSize, ...(bookmark ? { bookmark } : {}) } } }))}
              columns={[
                { title: t('claim.id'), dataIndex: 'claimId', render: (s: string) => <code>{s}</code> },
                { title: t('claim.ref'), dataIndex: 'refId' },
                { title: t('claim.total'), key: 't', render: (_: unknown, c) => <Money fen={c.amounts.totalFen} /> },
                { title: t('claim.fund'), key: 'f', render: (_: unknown, c) => <Money fen={c.amounts.fundFen} /> },
                { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
                { title: t('claim.serviceDate'), dataIndex: 'serviceDate' },
              ]}
            />
          ),
        },
      ]} />
    </>
  );
}
