/**
 * The region's claims as the treatment region's insurer reviews them: manual review first, any
 * status on a tab, counts per status as a chart, new claims appearing live.
 */
import { Card, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { ClaimRecord, ClaimStatus, Page } from '../../api/model';
import { Chart } from '../../components/Chart';
import { Money, PagedTable, StatusTag, useLoad } from '../../components/data';
import { ErrorAlert } from '../../components/errors';
import { useLedgerEvents } from '../../events';
import { useSession } from '../../session';

const STATUSES: ClaimStatus[] = ['MANUAL_REVIEW', 'UNDER_REVIEW', 'APPROVED', 'REMITTED', 'REJECTED', 'RECOVERED'];
/** The chart counts up to this many claims per status (one page each). */
const COUNT_LIMIT = 200;

type Side = 'treatment' | 'insured';

export function ClaimQueue() {
  const { t } = useTranslation();
  const { region = '' } = useSession();
  const [status, setStatus] = useState<ClaimStatus | 'ALL'>('MANUAL_REVIEW');
  const [side, setSide] = useState<Side>('treatment');
  const [refresh, setRefresh] = useState(0);
  useLedgerEvents((e) => e.name.startsWith('Claim'), () => setRefresh((n) => n + 1));
  const counts = useLoad(
    () =>
      Promise.all(
        STATUSES.map((s) =>
          answer<Page<ClaimRecord>>(api.GET('/regions/{region}/claims', { params: { path: { region }, query: { side, status: s, pageSize: COUNT_LIMIT } } })).then((p) => p.records.length),
        ),
      ),
    [region, side, refresh],
  );
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.insurer.claims')} · {region}</Typography.Title>
      <Card size="small" title={t('insurer.perStatus')} style={{ marginBottom: 16 }}>
        <ErrorAlert error={counts.error} />
        <Chart kind="bar" testId="claims-per-status" height={180} labels={STATUSES.map((s) => t(`status.${s}`))} values={counts.data ?? STATUSES.map(() => 0)} />
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group value={side} onChange={(e) => setSide(e.target.value as Side)} optionType="button" options={[
          { value: 'treatment', label: t('insurer.sideTreatment') },
          { value: 'insured', label: t('insurer.sideInsured') },
        ]} />
        <Radio.Group value={status} onChange={(e) => setStatus(e.target.value as ClaimStatus | 'ALL')} optionType="button" options={[
          ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          { value: 'ALL', label: t('common.all') },
        ]} />
      </Space>
      <PagedTable<ClaimRecord>
        rowKey="claimId"
        deps={[region, status, side]}
        refreshKey={refresh}
        fetchPage={(bookmark, pageSize) =>
          answer<Page<ClaimRecord>>(api.GET('/regions/{region}/claims', {
            params: { path: { region }, query: { side, pageSize, ...(status === 'ALL' ? {} : { status }), ...(bookmark ? { bookmark } : {}) } },
          }))}
        columns={[
          { title: t('claim.id'), dataIndex: 'claimId', render: (s: string) => <Link to={`/app/insurer/claims/${encodeURIComponent(s)}`}>{s}</Link> },
          { title: t('claim.institution'), dataIndex: 'institutionId' },
          { title: t('claim.insuredRegion'), dataIndex: 'insuredRegion' },
          { title: t('claim.total'), key: 't', render: (_: unknown, c) => <Money fen={c.amounts.totalFen} /> },
          { title: t('claim.fund'), key: 'f', render: (_: unknown, c) => <Money fen={c.amounts.fundFen} /> },
          { title: t('claim.hits'), key: 'h', render: (_: unknown, c) => c.reviewHits.map((h) => h.ruleId).join(', ') || '—' },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('claim.serviceDate'), dataIndex: 'serviceDate' },
        ]}
      />
    </>
  );
}
