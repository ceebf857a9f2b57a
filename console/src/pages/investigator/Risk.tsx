/**
 * Risk profiles from the read model (FT-03): the high-risk institutions of a month with the
 * reasons for their score, the high-risk patients (by patientRef only — the console never sees
 * an identity), and a region's monthly figures as charts (SR-14).
 */
import { Card, Col, DatePicker, Form, Row, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import { useInsurerRegions } from '../../api/insurer-regions';
import type { InstitutionRisk, PatientRisk, RegionMonthly, RiskInstitutionList, RiskPatientList, RiskReason } from '../../api/model';
import { Chart } from '../../components/Chart';
import { Money, PagedTable, useLoad, yuan } from '../../components/data';
import { ErrorAlert } from '../../components/errors';
import { chinaToday } from '../../components/working-days';

export const thisMonth = (): string => chinaToday().slice(0, 7);
export const percent = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`);
export const shortRef = (ref: string): string => `${ref.slice(0, 10)}…`;

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number): string => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The month `n` months before a YYYY-MM month. */
export const monthsBefore = (month: string, n: number): string => monthOf(monthIndex(month) - n);

/** Every month from `from` to `to`, each with `value` of its row or 0: a chart shows the months without claims too. */
export function monthSeries<T extends { month: string }>(from: string, to: string, rows: T[], value: (row: T) => number): { labels: string[]; values: number[] } {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const labels: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) labels.push(monthOf(i));
  return { labels, values: labels.map((m) => { const row = byMonth.get(m); return row ? value(row) : 0; }) };
}

/** The score with the high-risk mark. */
export function Score({ score, highRisk }: { score: number; highRisk: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <strong style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="risk-score">{score}</strong>
      {highRisk && <Tag color="red">{t('risk.highRisk')}</Tag>}
    </Space>
  );
}

/** Why the score is what it is: each signal with its rule, points and the figures behind it. */
export function Reasons({ reasons }: { reasons: RiskReason[] }) {
  const { t } = useTranslation();
  if (!reasons.length) return <Typography.Text type="secondary">{t('risk.noReasons')}</Typography.Text>;
  return (
    <Space direction="vertical" size={2} data-testid="risk-reasons">
      {reasons.map((r) => (
        <span key={`${r.code}-${r.detail}`}><Tag color="volcano">{r.code} +{r.points}</Tag>{r.detail}</span>
      ))}
    </Space>
  );
}

function RegionSelect({ value, onChange, allowClear }: { value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean }) {
  const { t } = useTranslation();
  const regions = useInsurerRegions();
  return <Select allowClear={allowClear} style={{ width: 150 }} placeholder={t('common.all')} value={value} onChange={onChange} options={regions.map((r) => ({ value: r, label: r }))} />;
}

function Institutions() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? thisMonth();
  const region = params.get('region') ?? undefined;
  const all = params.get('all') === '1';
  const [count, setCount] = useState<number>();
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('risk.month')}>
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d: Dayjs | null) => d && set('month', d.format('YYYY-MM'))} aria-label={t('risk.month')} />
        </Form.Item>
        <Form.Item label={t('risk.region')}><RegionSelect allowClear value={region} onChange={(v) => set('region', v)} /></Form.Item>
        <Form.Item label={t('risk.highRiskOnly')}>
          <Switch checked={!all} onChange={(on) => set('all', on ? undefined : '1')} data-testid="high-risk-only" />
        </Form.Item>
        {count !== undefined && <Typography.Text type="secondary" data-testid="risk-count">{t('risk.count', { count })}</Typography.Text>}
      </Form>
      <PagedTable<InstitutionRisk>
        rowKey="institutionId"
        deps={[month, region, all]}
        fetchPage={async (bookmark, pageSize) => {
          const page = await answer<RiskInstitutionList>(api.GET('/oversight/risk/institutions', {
            params: { query: { month, region, highRiskOnly: all ? 'false' : 'true', pageSize, bookmark: bookmark || undefined } },
          }));
          setCount(page.count);
          return { records: page.institutions, bookmark: page.bookmark, fetchedCount: page.institutions.length };
        }}
        columns={[
          { title: t('risk.institution'), dataIndex: 'institutionId', render: (id: string, r) => <Link to={`/app/investigator/risk/institutions/${encodeURIComponent(id)}?month=${r.month}`} data-testid="risk-institution-link">{id}</Link> },
          { title: t('risk.region'), dataIndex: 'region' },
          { title: t('risk.level'), dataIndex: 'level' },
          { title: t('risk.score'), key: 's', render: (_: unknown, r) => <Score score={r.score} highRisk={r.highRisk} /> },
          { title: t('risk.reasons'), key: 'r', render: (_: unknown, r) => <Reasons reasons={r.reasons} /> },
          { title: t('risk.claims'), key: 'c', render: (_: unknown, r) => r.figures.claims },
          { title: t('risk.total'), key: 't', render: (_: unknown, r) => <Money fen={r.figures.totalFen} /> },
        ]}
      />
    </>
  );
}

function Patients() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<string>();
  const [all, setAll] = useState(false);
  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('risk.insuredRegion')}><RegionSelect allowClear value={region} onChange={setRegion} /></Form.Item>
        <Form.Item label={t('risk.highRiskOnly')}><Switch checked={!all} onChange={(on) => setAll(!on)} /></Form.Item>
      </Form>
      <PagedTable<PatientRisk>
        rowKey="patientRef"
        deps={[region, all]}
        fetchPage={async (bookmark, pageSize) => {
          const page = await answer<RiskPatientList>(api.GET('/oversight/risk/patients', {
            params: { query: { region, highRiskOnly: all ? 'false' : 'true', pageSize, bookmark: bookmark || undefined } },
          }));
          return { records: page.patients, bookmark: page.bookmark, fetchedCount: page.patients.length };
        }}
        columns={[
          { title: t('risk.patientRef'), dataIndex: 'patientRef', render: (ref: string) => <Link to={`/app/investigator/risk/patients/${ref}`}><code>{shortRef(ref)}</code></Link> },
          { title: t('risk.insuredRegion'), dataIndex: 'insuredRegion', render: (r: string | null) => r ?? '—' },
          { title: t('risk.score'), key: 's', render: (_: unknown, r) => <Score score={r.score} highRisk={r.highRisk} /> },
          { title: t('risk.reasons'), key: 'r', render: (_: unknown, r) => <Reasons reasons={r.reasons} /> },
          { title: t('risk.prescriptions'), dataIndex: 'prescriptions' },
          { title: t('risk.rxInstitutions'), dataIndex: 'rxInstitutions' },
          { title: t('risk.pharmacies'), dataIndex: 'pharmacies' },
          { title: t('risk.duplicateHits'), dataIndex: 'duplicateHits' },
          { title: t('risk.total'), dataIndex: 'totalFen', render: (f: number) => <Money fen={f} /> },
        ]}
      />
    </>
  );
}

/** A region's last 13 months of claims treated there: the figures each institution is measured against. */
function RegionMonths() {
  const { t } = useTranslation();
  const regions = useInsurerRegions();
  const [picked, setPicked] = useState<string>();
  const region = picked ?? regions[0];
  const monthly = useLoad(
    () => (region ? answer<RegionMonthly>(api.GET('/oversight/regions/{region}/monthly', { params: { path: { region } } })) : Promise.resolve(undefined)),
    [region],
  );
  const months = monthly.data?.months ?? [];
  const series = (value: (m: RegionMonthly['months'][number]) => number) => (monthly.data ? monthSeries(monthly.data.from, monthly.data.to, months, value) : { labels: [], values: [] });
  const claims = series((m) => m.claims);
  const cost = series((m) => m.avgCostPerVisitFen ?? 0);
  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('risk.region')}><RegionSelect value={region} onChange={setPicked} /></Form.Item>
      </Form>
      <ErrorAlert error={monthly.error} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('risk.claimsPerMonth')} styles={{ body: { padding: 4 } }}>
            <Chart kind="bar" testId="region-claims" labels={claims.labels} values={claims.values} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('risk.costPerVisit')} styles={{ body: { padding: 4 } }}>
            <Chart kind="line" labels={cost.labels} values={cost.values} format={yuan} />
          </Card>
        </Col>
      </Row>
      <Table
        style={{ marginTop: 16 }}
        rowKey="month"
        size="small"
        loading={monthly.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={months}
        columns={[
          { title: t('risk.month'), dataIndex: 'month' },
          { title: t('risk.institutions'), dataIndex: 'institutions' },
          { title: t('risk.claims'), dataIndex: 'claims' },
          { title: t('risk.rejectionRate'), dataIndex: 'rejectionRate', render: percent },
          { title: t('risk.hitShare'), dataIndex: 'hitShare', render: percent },
          { title: t('risk.consumableShare'), dataIndex: 'consumableShare', render: percent },
          { title: t('risk.costPerVisit'), dataIndex: 'avgCostPerVisitFen', render: (f: number | null) => <Money fen={f ?? undefined} /> },
          { title: t('risk.total'), dataIndex: 'totalFen', render: (f: number) => <Money fen={f} /> },
        ]}
      />
    </>
  );
}

export function RiskScreen() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.investigator.risk')}</Typography.Title>
      <Tabs destroyInactiveTabPane items={[
        { key: 'institutions', label: t('risk.institutionsTab'), children: <Institutions /> },
        { key: 'patients', label: t('risk.patientsTab'), children: <Patients /> },
        { key: 'region', label: t('risk.regionTab'), children: <RegionMonths /> },
      ]} />
    </>
  );
}
