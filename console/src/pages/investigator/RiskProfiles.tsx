/**
 * One institution's and one patient's risk profile: the score with its reasons, the figures
 * behind it, monitored drugs year on year (the +200 % rule, SR-09 / RX-14), the months as
 * charts, and links to the records on the chain.
 */
import { Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import { RISK_PARAMETERS, type RiskInstitutionProfile, type RiskPatientProfile } from '../../api/model';
import { Chart } from '../../components/Chart';
import { Loading, Money, useLoad, yuan } from '../../components/data';
import { ErrorAlert } from '../../components/errors';
import { monthsBefore, monthSeries, percent, Reasons, Score, shortRef, thisMonth } from './Risk';

/** The monitored-drug rule: this month's volume at least +200 % on the same month's a year earlier. */
const MONITORED_GROWTH_PCT = RISK_PARAMETERS.monitoredGrowthPct;

export function InstitutionProfile() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const month = params.get('month') ?? thisMonth();
  const profile = useLoad(() => answer<RiskInstitutionProfile>(api.GET('/oversight/risk/institutions/{id}', { params: { path: { id }, query: { month } } })), [id, month]);
  const p = profile.data;
  if (profile.loading && !p) return <Loading />;
  if (!p) return <ErrorAlert error={profile.error} />;
  const f = p.figures;
  const r = p.regionFigures;
  const regionAvg = r && r.claims > 0 ? Math.round(r.totalFen / r.claims) : undefined;
  const timeline = `/app/investigator/timeline?actorType=institution&id=${encodeURIComponent(p.institutionId)}`;
  // The profile's months: the scored month and the twelve before it.
  const claims = monthSeries(monthsBefore(p.month, 12), p.month, p.months, (m) => m.claims);
  const totals = monthSeries(monthsBefore(p.month, 12), p.month, p.months, (m) => m.totalFen);
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="institution-profile">{t('risk.institutionProfile')} <code>{p.institutionId}</code></Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Link to={timeline} data-testid="institution-claims">{t('risk.itsClaims')}</Link>
        <Link to={`/app/investigator/funds?party=${encodeURIComponent(p.institutionId)}`}>{t('graph.funds')}</Link>
        <Link to={`/app/investigator/records/institution/${encodeURIComponent(p.institutionId)}`}>{t('graph.history')}</Link>
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('risk.scoreOf', { month: p.month })}>
            <Score score={p.score} highRisk={p.highRisk} />
            <Descriptions size="small" column={1} style={{ marginTop: 8 }} items={[
              { key: 'r', label: t('risk.region'), children: p.region },
              { key: 'l', label: t('risk.level'), children: p.level },
            ]} />
          </Card>
        </Col>
        <Col xs={24} md={16}><Card size="small" title={t('risk.reasons')}><Reasons reasons={p.reasons} /></Card></Col>
      </Row>
      {f && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.claims')} value={f.claims} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.total')} value={yuan(f.totalFen)} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.costPerVisit')} value={yuan(f.avgCostPerVisitFen ?? undefined)} suffix={regionAvg !== undefined && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('risk.regionValue', { value: yuan(regionAvg) })}</Typography.Text>} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.consumableShare')} value={percent(f.consumableShare)} suffix={r && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('risk.regionValue', { value: percent(r.totalFen > 0 ? r.consumableFen / r.totalFen : null) })}</Typography.Text>} /></Card></Col>
        </Row>
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('risk.claimsPerMonth')} styles={{ body: { padding: 4 } }}>
            <Chart kind="bar" testId="institution-months" labels={claims.labels} values={claims.values} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('risk.totalPerMonth')} styles={{ body: { padding: 4 } }}>
            <Chart kind="line" labels={totals.labels} values={totals.values} format={yuan} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('risk.monitored', { pct: MONITORED_GROWTH_PCT })}>
        <Table
          rowKey="drugCode"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={p.monitoredDrugs}
          locale={{ emptyText: t('risk.noMonitored') }}
          columns={[
            { title: t('doctor.drug'), dataIndex: 'drugCode', render: (c: string) => <code>{c}</code> },
            { title: t('risk.quantity', { month: p.month }), dataIndex: 'quantity' },
            { title: t('risk.lastYear'), dataIndex: 'lastYearQuantity' },
            { title: t('risk.growth'), dataIndex: 'growthPct', render: (g: number | null) => (g === null ? '—' : `${g > 0 ? '+' : ''}${g} %`) },
            { title: 'SR-09', dataIndex: 'hit', render: (hit: boolean) => (hit ? <Tag color="red">{t('risk.overThreshold', { pct: MONITORED_GROWTH_PCT })}</Tag> : <Tag>{t('risk.underThreshold')}</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}

export function PatientProfile() {
  const { t } = useTranslation();
  const { patientRef = '' } = useParams();
  const profile = useLoad(() => answer<RiskPatientProfile>(api.GET('/oversight/risk/patients/{patientRef}', { params: { path: { patientRef } } })), [patientRef]);
  const p = profile.data;
  if (profile.loading && !p) return <Loading />;
  if (!p) return <ErrorAlert error={profile.error} />;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('risk.patientProfile')} <code title={p.patientRef}>{shortRef(p.patientRef)}</code></Typography.Title>
      <Typography.Paragraph type="secondary">{t('risk.pseudonymOnly')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Link to={`/app/investigator/timeline?actorType=patientRef&id=${p.patientRef}`}>{t('risk.patientTimeline')}</Link>
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('risk.score')}>
            <Score score={p.score} highRisk={p.highRisk} />
            <Descriptions size="small" column={1} style={{ marginTop: 8 }} items={[
              { key: 'r', label: t('risk.insuredRegion'), children: p.insuredRegion ?? '—' },
              { key: 'p', label: t('risk.prescriptions'), children: p.prescriptions },
              { key: 'i', label: t('risk.rxInstitutions'), children: `${p.rxInstitutions} (${t('risk.maxInMonth', { n: p.maxRxInstitutionsInMonth })})` },
              { key: 'c', label: t('risk.claims'), children: <>{p.claims} · <Money fen={p.totalFen} /></> },
            ]} />
          </Card>
        </Col>
        <Col xs={24} md={16}><Card size="small" title={t('risk.reasons')}><Reasons reasons={p.reasons} /></Card></Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('risk.prescriptionsPerMonth')} styles={{ body: { padding: 4 } }} style={{ marginBottom: 16 }}>
            <Chart kind="bar" labels={p.months.map((m) => m.month)} values={p.months.map((m) => m.prescriptions)} />
          </Card>
          <Card size="small" title={t('risk.pharmaciesVisited')} style={{ marginBottom: 16 }}>
            <Table rowKey="pharmacyId" size="small" pagination={false} dataSource={p.pharmaciesVisited} columns={[
              { title: t('pharmacist.pharmacy'), dataIndex: 'pharmacyId', render: (id: string) => <Link to={`/app/investigator/timeline?actorType=pharmacy&id=${encodeURIComponent(id)}`}>{id}</Link> },
              { title: t('risk.dispenses'), dataIndex: 'dispenses' },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('risk.duplicatePrescriptions')} style={{ marginBottom: 16 }}>
            <Table rowKey="rxId" size="small" pagination={false} dataSource={p.duplicatePrescriptions} locale={{ emptyText: t('common.empty') }} columns={[
              { title: t('common.rxId'), dataIndex: 'rxId', render: (id: string) => <Link to={`/app/investigator/records/prescription/${encodeURIComponent(id)}`}>{id}</Link> },
              { title: t('risk.institution'), dataIndex: 'institutionId' },
              { title: t('risk.duplicateHits'), dataIndex: 'duplicates' },
            ]} />
          </Card>
          <Card size="small" title={t('risk.duplicateClaims')}>
            {p.duplicateClaims.length ? (
              <Space wrap>{p.duplicateClaims.map((c) => <Link key={c} to={`/app/investigator/trace/${encodeURIComponent(c)}`}>{c}</Link>)}</Space>
            ) : <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
          </Card>
        </Col>
      </Row>
    </>
  );
}
