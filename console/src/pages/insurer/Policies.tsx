/** The region's policy versions (the one in force marked) and a patient's cross-region filings, by pseudonym. */
import { Card, Descriptions, Form, Input, Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client';
import type { FilingRecord, PolicyRecord } from '../../api/model';
import { ListTable, Money, useLoad } from '../../components/data';
import { ErrorAlert } from '../../components/errors';
import { useSession } from '../../session';

const pct = (bp: number) => `${bp / 100} %`;

export function Policies() {
  const { t } = useTranslation();
  const { region = '' } = useSession();
  const policies = useLoad(() => answer<PolicyRecord[]>(api.GET('/policies/{region}', { params: { path: { region } } })), [region]);
  const inForce = useLoad(() => answer<PolicyRecord>(api.GET('/policies/{region}/in-force', { params: { path: { region } } })), [region]);
  const [patientRef, setPatientRef] = useState<string>();
  const filings = useLoad(
    () => (patientRef ? answer<FilingRecord[]>(api.GET('/patients/{patientRef}/filings', { params: { path: { patientRef } } })) : Promise.resolve([])),
    [patientRef],
  );
  const p = inForce.data;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.insurer.policies')} · {region}</Typography.Title>
      <ErrorAlert error={inForce.error ?? policies.error} />
      {p && (
        <Card size="small" title={t('policy.inForce', { version: p.version, from: p.effectiveFrom })} style={{ marginBottom: 16 }}>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} items={[
            ...Object.entries(p.ratioBpByLevel).map(([level, bp]) => ({ key: `r${level}`, label: t('policy.ratio', { level: t(`level.${level}`, { defaultValue: level }) }), children: pct(bp) })),
            ...Object.entries(p.deductibleFenByLevel).map(([level, fen]) => ({ key: `d${level}`, label: t('policy.deductible', { level: t(`level.${level}`, { defaultValue: level }) }), children: <Money fen={fen} /> })),
            { key: 'cap', label: t('policy.cap'), children: <Money fen={p.annualCapFen} /> },
            { key: 'xf', label: t('policy.crossFiled'), children: pct(p.crossRegionFiledRatioBp) },
            { key: 'xu', label: t('policy.crossUnfiled'), children: pct(p.crossRegionUnfiledRatioBp) },
            { key: 'mr', label: t('policy.manualReview'), children: <Money fen={p.reviewThresholds.manualReviewTotalFen} /> },
            { key: 'aa', label: t('policy.autoApprove'), children: <Money fen={p.reviewThresholds.autoApproveMaxFen} /> },
            { key: 'sw', label: t('policy.stayWarn'), children: p.reviewThresholds.stayWarnDays },
          ]} />
        </Card>
      )}
      <Card size="small" title={t('policy.versions')} style={{ marginBottom: 16 }}>
        <ListTable<PolicyRecord> rowKey="policyId" rows={policies.data} loading={policies.loading} columns={[
          { title: t('policy.version'), dataIndex: 'version', render: (v: number) => <span>v{v} {p?.version === v && <Tag color="green">{t('policy.current')}</Tag>}</span> },
          { title: t('policy.effectiveFrom'), dataIndex: 'effectiveFrom' },
          { title: t('policy.cap'), dataIndex: 'annualCapFen', render: (f: number) => <Money fen={f} /> },
          { title: t('policy.crossFiled'), dataIndex: 'crossRegionFiledRatioBp', render: pct },
        ]} />
      </Card>
      <Card size="small" title={t('filing.title')}>
        <Form layout="inline" onFinish={({ ref }: { ref: string }) => setPatientRef(ref.trim())} style={{ marginBottom: 12 }}>
          <Form.Item name="ref" label={t('filing.patientRef')} rules={[{ required: true, pattern: /^[0-9a-f]{64}$/, message: t('filing.patientRefRule') }]}>
            <Input style={{ width: 420, maxWidth: '70vw' }} />
          </Form.Item>
          <Button htmlType="submit">{t('common.search')}</Button>
        </Form>
        <ErrorAlert error={filings.error} />
        <Table<FilingRecord> rowKey="filingId" size="small" dataSource={filings.data ?? []} loading={filings.loading} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: patientRef ? t('common.empty') : t('filing.hint') }}
          columns={[
            { title: t('filing.id'), dataIndex: 'filingId' },
            { title: t('filing.regions'), key: 'r', render: (_: unknown, f) => `${f.insuredRegion} → ${f.treatmentRegion}` },
            { title: t('filing.period'), key: 'p', render: (_: unknown, f) => `${f.period.from} → ${f.period.to}` },
            { title: t('filing.emergency'), dataIndex: 'emergencyPostFiled', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          ]} />
      </Card>
    </>
  );
}
