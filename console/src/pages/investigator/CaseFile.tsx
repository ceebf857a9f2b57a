/**
 * A case file (FT-01, FT-02, FT-04): the case as the chain holds it now (GET /cases/:id), and from
 * the read model its evidence linked to the records and their on-chain history, the fund-flow
 * graph of the linked money, and the timeline of every version; the investigator's actions —
 * link evidence, record a finding, sanction, record a recovery, close — with field-level errors.
 */
import { Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { answer, api, ApiFailure } from '../../api/client';
import {
  CASE_OUTCOMES, EVIDENCE_KINDS, RECOVERY_KINDS, SANCTION_ACTIONS,
  type CaseFile, type CaseFlowEdge, type CaseFlowNode, type CaseTimelineEntry, type CaseView, type EvidenceEntry, type Written,
} from '../../api/model';
import { Loading, Money, PagedTable, StatusTag, useLoad, when, yuan } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';
import { useLedgerEvents } from '../../events';
import { CaseClock, useCalendar } from './Cases';
import { FlowGraph, type FlowEdge, type FlowNode } from './FlowGraph';

const recordPath = (docType: string, id: string) => `/app/investigator/records/${docType}/${encodeURIComponent(id)}`;

/** How long a screen waits for the read model to follow the chain to a write it just made. */
const FOLLOW_MS = 20_000;

/** One page of the case file, or undefined while the read model has not followed the case's opening yet. */
async function caseFileOf(caseId: string, query: { pageSize: number; bookmark?: string }): Promise<CaseFile | undefined> {
  try {
    return await answer<CaseFile>(api.GET('/oversight/cases/{id}/file', { params: { path: { id: caseId }, query } }));
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 404) return undefined;
    throw err;
  }
}

/** The case file as the read model has it, reloaded until it has followed the chain to `minBlock`. */
function useCaseFile(caseId: string) {
  const [minBlock, setMinBlock] = useState<bigint>(0n);
  const file = useLoad(async () => {
    const deadline = Date.now() + FOLLOW_MS;
    for (;;) {
      const got = await caseFileOf(caseId, { pageSize: 1 });
      if (got && BigInt(got.casePosition.blockNumber) >= minBlock) return got;
      if (Date.now() > deadline) {
        if (got) return got;
        throw new ApiFailure(404, 'NOT_FOUND', `case ${caseId} is not in the read model`);
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  }, [caseId, minBlock]);
  return { ...file, waitFor: (block: string) => setMinBlock(BigInt(block)) };
}

function graphOf(file: CaseFile, t: (k: string) => string): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = file.fundFlow.nodes.map((n: CaseFlowNode): FlowNode => {
    switch (n.kind) {
      case 'claim': return { id: n.id, kind: 'claim', label: `${t('graph.claim')} ${n.claimId}`, short: `${t('graph.claim')}\n${n.claimId.slice(0, 12)}`, record: { docType: 'claim', id: n.claimId } };
      case 'transfer': return { id: n.id, kind: 'transfer', label: `${t('cases.transfer')} ${n.transferId} ${yuan(n.amountFen)}`, short: `${t(`transferKind.${n.transferKind}`)}\n${yuan(n.amountFen)}`, record: { docType: 'transfer', id: n.transferId } };
      case 'batch': return { id: n.id, kind: 'batch', label: `${t('claim.batch')} ${n.batchId}`, short: `${t('claim.batch')}\n${n.batchId.slice(0, 12)}`, record: { docType: 'batch', id: n.batchId } };
      case 'institution': return { id: n.id, kind: 'institution', label: `${t('graph.institution')} ${n.party}`, short: `${t('graph.institution')}\n${n.party}`, record: { docType: 'institution', id: n.party } };
      default: return { id: n.id, kind: 'fund', label: `${t('graph.fund')} ${n.party}`, short: `${t('graph.fund')}\n${n.party}` };
    }
  });
  const edges = file.fundFlow.edges.map((e: CaseFlowEdge): FlowEdge => ({
    from: e.from, to: e.to, label: `${t(`flowEdge.${e.kind}`)}${e.amountFen === undefined ? '' : ` ${yuan(e.amountFen)}`}`, money: e.amountFen !== undefined,
  }));
  return { nodes, edges };
}

function Evidence({ entries }: { entries: EvidenceEntry[] }) {
  const { t } = useTranslation();
  return (
    <Table<EvidenceEntry>
      rowKey={(e) => `${e.kind}:${e.id}`}
      size="small"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      dataSource={entries}
      locale={{ emptyText: t('cases.noEvidence') }}
      data-testid="case-evidence"
      columns={[
        { title: t('cases.evidenceKind'), dataIndex: 'kind', render: (k: string) => t(`evidenceKind.${k}`) },
        { title: t('records.id'), key: 'id', render: (_: unknown, e) => (e.kind === 'tx'
          ? <Space direction="vertical" size={0}><code>{e.id.slice(0, 16)}…</code>{(e.writes ?? []).map((w) => <Link key={`${w.docType}/${w.recordId}`} to={recordPath(w.docType, w.recordId)}>{t(`docType.${w.docType}`, { defaultValue: w.docType })} {w.recordId}</Link>)}</Space>
          : <Link to={recordPath(e.kind, e.id)} data-testid="evidence-link">{e.id}</Link>) },
        { title: t('cases.note'), dataIndex: 'note' },
        { title: t('cases.onChain'), key: 'f', render: (_: unknown, e) => (e.found
          ? <span>{e.latest && <>{t('cases.block', { block: e.latest.blockNumber })} <Typography.Text type="secondary" code>{e.latest.txId.slice(0, 10)}…</Typography.Text></>}</span>
          : <Tag color="orange">{t('cases.notFollowed')}</Tag>) },
      ]}
    />
  );
}

type Act = (call: () => Promise<Written<'case', CaseView>>, form: ReturnType<typeof Form.useForm>[0], map?: (field: string) => string) => Promise<void>;

function Actions({ c, act, busy, error, clearError }: { c: CaseView; act: Act; busy: boolean; error: unknown; clearError(): void }) {
  const { t } = useTranslation();
  const [evidence] = Form.useForm();
  const [finding] = Form.useForm();
  const [sanction] = Form.useForm();
  const [recovery] = Form.useForm();
  const [closure] = Form.useForm();
  const recoveryKind = Form.useWatch('kind', recovery) as string | undefined;
  const institutions = c.subjects.filter((s) => s.kind === 'institution').map((s) => s.id);
  const path = { path: { id: c.caseId } };
  const submit = (label: string, testId: string) => <Button type="primary" htmlType="submit" loading={busy} data-testid={testId}>{label}</Button>;
  return (
    <Card size="small" title={t('cases.actions')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} onClose={clearError} />
      <Tabs size="small" items={[
        { key: 'evidence', label: t('cases.linkEvidence'), children: (
          <Form form={evidence} name="evidence" layout="inline" style={{ rowGap: 8 }} initialValues={{ kind: 'claim' }}
            onFinish={(v: { kind: EvidenceEntry['kind']; id: string; note: string }) => void act(
              () => answer(api.POST('/cases/{id}/evidence', { params: path, body: { items: [{ kind: v.kind, id: v.id.trim(), note: v.note.trim() }] } })),
              evidence, (f) => f.replace(/^items\[0\]\./, ''))}>
            <Form.Item name="kind" label={t('cases.evidenceKind')}><Select style={{ width: 130 }} options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidenceKind.${k}`) }))} /></Form.Item>
            <Form.Item name="id" label={t('records.id')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 260 }} placeholder="CLM-… / RX-… / tx id" /></Form.Item>
            <Form.Item name="note" label={t('cases.note')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 300 }} maxLength={500} /></Form.Item>
            {submit(t('cases.linkEvidence'), 'link-evidence')}
          </Form>
        ) },
        { key: 'finding', label: t('cases.recordFinding'), children: (
          <Form form={finding} name="finding" layout="vertical" style={{ maxWidth: 640 }}
            onFinish={(v: { summary: string; ruleIds?: string[] }) => void act(
              () => answer(api.POST('/cases/{id}/findings', { params: path, body: { summary: v.summary.trim(), ...(v.ruleIds?.length ? { ruleIds: v.ruleIds } : {}) } })),
              finding, (f) => f.replace(/^ruleIds\[\d+\]$/, 'ruleIds'))}>
            <Form.Item name="summary" label={t('cases.findingSummary')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} /></Form.Item>
            <Form.Item name="ruleIds" label={t('cases.ruleIds')} extra={t('cases.ruleIdsHint')}><Select mode="tags" tokenSeparators={[',', ' ']} open={false} /></Form.Item>
            {submit(t('cases.recordFinding'), 'record-finding')}
          </Form>
        ) },
        { key: 'sanction', label: t('cases.sanction'), children: (
          <Form form={sanction} name="sanction" layout="inline" style={{ rowGap: 8 }} initialValues={{ action: 'SUSPEND', institutionId: institutions[0] }}
            onFinish={(v: { institutionId: string; action: 'SUSPEND' | 'REVOKE'; until?: Dayjs; ruleId: string; reason: string }) => void act(
              () => answer(api.POST('/cases/{id}/sanctions', { params: path, body: { institutionId: v.institutionId, action: v.action, ruleId: v.ruleId.trim(), reason: v.reason.trim(), ...(v.until ? { until: v.until.format('YYYY-MM-DD') } : {}) } })),
              sanction)}>
            <Form.Item name="institutionId" label={t('risk.institution')} rules={[{ required: true }]}><Select style={{ width: 150 }} options={institutions.map((i) => ({ value: i, label: i }))} notFoundContent={t('cases.noInstitutionSubject')} /></Form.Item>
            <Form.Item name="action" label={t('cases.sanctionAction')}><Select style={{ width: 130 }} options={SANCTION_ACTIONS.map((a) => ({ value: a, label: t(`sanctionAction.${a}`) }))} /></Form.Item>
            <Form.Item name="until" label={t('cases.until')}><DatePicker /></Form.Item>
            <Form.Item name="ruleId" label={t('cases.ruleId')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 100 }} placeholder="CR-10" /></Form.Item>
            <Form.Item name="reason" label={t('cases.reason')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 280 }} maxLength={500} /></Form.Item>
            {submit(t('cases.sanction'), 'sanction')}
          </Form>
        ) },
        { key: 'recovery', label: t('cases.recordRecovery'), children: (
          <Form form={recovery} name="recovery" layout="inline" style={{ rowGap: 8 }} initialValues={{ kind: 'fundRecovery' }}
            onFinish={(v: { kind: 'fundRecovery' | 'fine' | 'confiscation'; transferId?: string; amountYuan?: number; payer?: string; paymentRef?: string }) => void act(
              () => answer(api.POST('/cases/{id}/recoveries', { params: path, body: v.kind === 'fundRecovery'
                ? { kind: v.kind, transferId: v.transferId?.trim() }
                : { kind: v.kind, amountFen: v.amountYuan === undefined ? undefined : Math.round(v.amountYuan * 100), payer: v.payer?.trim(), paymentRef: v.paymentRef?.trim() } })),
              recovery, (f) => (f === 'amountFen' ? 'amountYuan' : f))}>
            <Form.Item name="kind" label={t('cases.recoveryKind')}><Select style={{ width: 160 }} options={RECOVERY_KINDS.map((k) => ({ value: k, label: t(`recoveryKind.${k}`) }))} /></Form.Item>
            {recoveryKind === 'fundRecovery' || recoveryKind === undefined ? (
              <Form.Item name="transferId" label={t('cases.transfer')} extra={t('cases.transferHint')}><Input style={{ width: 260 }} placeholder="TRF-…" /></Form.Item>
            ) : (
              <>
                <Form.Item name="amountYuan" label={t('cases.amount')}><InputNumber min={0} precision={2} prefix="¥" /></Form.Item>
                <Form.Item name="payer" label={t('cases.payer')}><Input style={{ width: 140 }} /></Form.Item>
                <Form.Item name="paymentRef" label={t('cases.paymentRef')}><Input style={{ width: 200 }} /></Form.Item>
              </>
            )}
            {submit(t('cases.recordRecovery'), 'record-recovery')}
          </Form>
        ) },
        { key: 'close', label: t('cases.close'), children: (
          <Form form={closure} name="closure" layout="vertical" style={{ maxWidth: 640 }} initialValues={{ outcome: 'substantiated' }}
            onFinish={(v: { outcome: (typeof CASE_OUTCOMES)[number]; summary: string }) => void act(
              () => answer(api.POST('/cases/{id}/closure', { params: path, body: { outcome: v.outcome, summary: v.summary.trim() } })), closure)}>
            <Form.Item name="outcome" label={t('cases.outcome')}><Select style={{ width: 200 }} options={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`caseOutcome.${o}`) }))} /></Form.Item>
            <Form.Item name="summary" label={t('cases.closingSummary')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} /></Form.Item>
            {submit(t('cases.close'), 'close-case')}
          </Form>
        ) },
      ]} />
    </Card>
  );
}

export function CaseFileScreen() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const chain = useLoad(() => answer<CaseView>(api.GET('/cases/{id}', { params: { path: { id: caseId } } })), [caseId]);
  const file = useCaseFile(caseId);
  const calendar = useCalendar(chain.data?.region);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<FlowNode>();
  const [timelineKey, setTimelineKey] = useState(0);
  const graph = useMemo(() => (file.data ? graphOf(file.data, t) : undefined), [file.data, t]);
  const { reload } = chain;
  const { waitFor } = file;
  const latestWait = useRef(waitFor);
  latestWait.current = waitFor;
  // Another investigator's change to this case: the chain's view at once, the file once the read model has it.
  useLedgerEvents((e) => e.payload.caseId === caseId, (e) => { reload(); latestWait.current(e.block); });
  useEffect(() => setTimelineKey((n) => n + 1), [file.data]);

  const act: Act = async (call, form, map) => {
    setBusy(true);
    setError(undefined);
    try {
      const written = await call();
      form.resetFields();
      reload();
      waitFor(written.blockNumber);
    } catch (err) {
      if (!showFieldErrors(form, err, map)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const c = chain.data;
  if (chain.loading && !c) return <Loading />;
  if (!c) return <ErrorAlert error={chain.error} />;
  const subjectLink = (kind: string, id: string) => {
    if (kind === 'institution') return <Link to={`/app/investigator/risk/institutions/${encodeURIComponent(id)}`}>{id}</Link>;
    if (kind === 'patient') return <Link to={`/app/investigator/risk/patients/${id}`}><code>{id.slice(0, 10)}…</code></Link>;
    return <Link to={`/app/investigator/timeline?actorType=doctor&id=${encodeURIComponent(id)}`}>{id}</Link>;
  };
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('cases.file')} <code data-testid="case-id">{c.caseId}</code> <StatusTag status={c.status} /></Typography.Title>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} items={[
              { key: 'f', label: t('cases.fraudType'), children: t(`fraudType.${c.fraudType}`) },
              { key: 'r', label: t('cases.region'), children: c.region },
              { key: 'o', label: t('cases.opened'), children: c.openedDate },
              { key: 'd', label: t('cases.due'), children: <Space>{c.dueDate}<CaseClock c={c} calendar={calendar} /></Space> },
              { key: 'a', label: t('cases.allegation'), children: c.allegation },
              { key: 's', label: t('cases.subjects'), children: <Space wrap>{c.subjects.map((s) => <span key={`${s.kind}:${s.id}`}><Tag>{t(`subjectKind.${s.kind}`)}</Tag>{subjectLink(s.kind, s.id)}</span>)}</Space> },
              { key: 'm', label: t('cases.recovered'), children: <><Money fen={c.recoveredFen} /> · {t('cases.penalties')} <Money fen={c.penaltiesFen} /></> },
              ...(c.status === 'CLOSED' ? [{ key: 'x', label: t('cases.outcome'), children: <span data-testid="case-outcome">{t(`caseOutcome.${c.outcome ?? 'referred'}`)} · {c.closedDate} · {c.closingSummary}</span> }] : []),
            ]} />
          </Card>
          {c.status === 'OPEN' && <Actions c={c} act={act} busy={busy} error={error} clearError={() => setError(undefined)} />}
          <Card size="small" title={t('cases.findings')} style={{ marginBottom: 16 }}>
            <Table rowKey="findingNo" size="small" pagination={false} dataSource={c.findings} locale={{ emptyText: t('common.empty') }} data-testid="case-findings" columns={[
              { title: '#', dataIndex: 'findingNo' },
              { title: t('cases.findingSummary'), dataIndex: 'summary' },
              { title: t('cases.ruleIds'), key: 'r', render: (_: unknown, f) => f.ruleIds.map((r) => <Tag key={r}>{r}</Tag>) },
              { title: t('records.time'), key: 'w', render: (_: unknown, f) => when(f.recorded.at) },
            ]} />
          </Card>
          <Card size="small" title={t('cases.sanctions')} style={{ marginBottom: 16 }}>
            <Table rowKey={(s) => s.recorded.txId} size="small" pagination={false} dataSource={c.sanctions} locale={{ emptyText: t('common.empty') }} columns={[
              { title: t('risk.institution'), dataIndex: 'institutionId', render: (id: string) => <Link to={recordPath('institution', id)}>{id}</Link> },
              { title: t('cases.sanctionAction'), dataIndex: 'action', render: (a: string) => t(`sanctionAction.${a}`) },
              { title: t('cases.until'), dataIndex: 'until', render: (u?: string) => u ?? '—' },
              { title: t('cases.ruleId'), dataIndex: 'ruleId' },
              { title: t('cases.reason'), dataIndex: 'reason' },
            ]} />
          </Card>
          <Card size="small" title={t('cases.recoveries')} style={{ marginBottom: 16 }}>
            <Table rowKey={(r) => r.recorded.txId} size="small" pagination={false} dataSource={c.recoveries} locale={{ emptyText: t('common.empty') }} columns={[
              { title: t('cases.recoveryKind'), dataIndex: 'kind', render: (k: string) => t(`recoveryKind.${k}`) },
              { title: t('cases.amount'), dataIndex: 'amountFen', render: (f: number) => <Money fen={f} /> },
              { title: t('cases.payer'), dataIndex: 'payer' },
              { title: t('cases.reference'), key: 'ref', render: (_: unknown, r) => (r.transferId ? <Link to={recordPath('transfer', r.transferId)}>{r.transferId}</Link> : r.paymentRef) },
            ]} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <ErrorAlert error={file.error} />
          {file.loading && !file.data && <Loading />}
          {file.data && (
            <>
              <Card size="small" title={t('cases.evidence')} style={{ marginBottom: 16 }}
                extra={<Typography.Text type="secondary">{t('cases.readModelAt', { block: file.data.casePosition.blockNumber })}</Typography.Text>}>
                <Evidence entries={file.data.evidence} />
              </Card>
              <Card size="small" title={t('cases.fundFlow')} style={{ marginBottom: 16 }}>
                {graph && graph.nodes.length ? (
                  <>
                    <FlowGraph nodes={graph.nodes} edges={graph.edges} onSelect={setSelected} selected={selected?.id} />
                    <Space wrap style={{ marginTop: 8 }} aria-label={t('graph.nodes')}>
                      {graph.nodes.map((n) => <Button key={n.id} size="small" type={selected?.id === n.id ? 'primary' : 'default'} onClick={() => setSelected(n)}>{n.label}</Button>)}
                    </Space>
                    {selected?.record && <div style={{ marginTop: 8 }}><Link to={recordPath(selected.record.docType, selected.record.id)}>{selected.label} — {t('graph.history')}</Link></div>}
                  </>
                ) : <Typography.Text type="secondary">{t('cases.noMoney')}</Typography.Text>}
              </Card>
            </>
          )}
          <Card size="small" title={t('cases.timeline')}>
            <PagedTable<CaseTimelineEntry & { key: string }>
              rowKey="key"
              deps={[caseId]}
              refreshKey={timelineKey}
              fetchPage={async (bookmark, pageSize) => {
                const got = await caseFileOf(caseId, { pageSize, bookmark: bookmark || undefined });
                if (!got) return { records: [], bookmark: '', fetchedCount: 0 };
                const records = got.timeline.entries.map((e) => ({ ...e, key: `${e.blockNumber}:${e.txIndex}:${e.docType}/${e.recordId}` }));
                return { records, bookmark: got.timeline.bookmark, fetchedCount: records.length };
              }}
              columns={[
                { title: t('cases.blockColumn'), dataIndex: 'blockNumber' },
                { title: t('records.time'), dataIndex: 'txTime', render: when },
                { title: t('records.docType'), dataIndex: 'docType', render: (d: string) => t(`docType.${d}`, { defaultValue: d }) },
                { title: t('records.id'), key: 'id', render: (_: unknown, e) => <Link to={recordPath(e.docType, e.recordId)}>{e.recordId}</Link> },
                { title: 'tx id', dataIndex: 'txId', render: (s: string) => <Typography.Text type="secondary" code>{s.slice(0, 10)}…</Typography.Text> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
