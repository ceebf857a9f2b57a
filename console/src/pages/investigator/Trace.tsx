/**
 * Where a claim's money went, and what it rests on: the fund flow (clearing, payment) and the
 * record chain behind it (claim ← dispense ← prescription ← doctor) as one graph; every node
 * opens its record, its on-chain history and the read model's check against the chain.
 */
import { Button, Card, Col, Descriptions, Form, Input, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { ClaimRecord, DispenseRecord, FundFlow, PrescriptionRecord } from '../../api/model';
import { Loading, Money, StatusTag, useLoad, when, yuan } from '../../components/data';
import { ErrorAlert } from '../../components/errors';
import { FlowGraph, type FlowEdge, type FlowNode } from './FlowGraph';

interface Traced {
  flow: FundFlow;
  claim: ClaimRecord;
  dispense?: DispenseRecord;
  prescription?: PrescriptionRecord;
}

async function trace(claimId: string): Promise<Traced> {
  const [flow, claim] = await Promise.all([
    answer<FundFlow>(api.GET('/trace/claims/{id}/fund-flow', { params: { path: { id: claimId } } })),
    answer<ClaimRecord>(api.GET('/claims/{id}', { params: { path: { id: claimId } } })),
  ]);
  if (claim.refType !== 'dispense') return { flow, claim };
  const dispense = await answer<DispenseRecord>(api.GET('/dispenses/{id}', { params: { path: { id: claim.refId } } }));
  const prescription = await answer<PrescriptionRecord>(api.GET('/prescriptions/{id}', { params: { path: { id: dispense.rxId } } }));
  return { flow, claim, dispense, prescription };
}

function graphOf({ flow, claim, dispense, prescription }: Traced, t: (k: string) => string): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = [];
  const short = (id: string) => (id.length > 14 ? `${id.slice(0, 12)}…` : id);
  const edges: FlowEdge[] = [];
  const treatmentFund = `fund:${flow.treatmentRegion}`;
  const clearings = flow.clearings ?? [];
  // The funds the batch's netted transfers move money between, other than the treatment region's own.
  for (const c of clearings) {
    for (const fund of [c.fromParty, c.toParty]) {
      if (fund !== treatmentFund && !nodes.some((n) => n.id === fund)) {
        nodes.push({ id: fund, label: `${t('graph.fund')} ${fund}`, short: `${t('graph.fund')}\n${fund}`, kind: 'fund', record: { docType: 'transfer', id: c.transferId } });
      }
    }
  }
  nodes.push({ id: treatmentFund, label: `${t('graph.fund')} ${treatmentFund}`, short: `${t('graph.fund')}\n${treatmentFund}`, kind: 'fund', record: flow.payments[0] ? { docType: 'transfer', id: flow.payments[0].transferId } : undefined });
  for (const c of clearings) edges.push({ from: c.fromParty, to: c.toParty, label: `${t('graph.clearing')} ${yuan(c.amountFen)}`, money: true });
  nodes.push({ id: flow.payee.party, label: `${t('graph.institution')} ${flow.payee.party}`, short: `${t('graph.institution')}\n${flow.payee.party}`, kind: 'institution', record: { docType: 'institution', id: flow.payee.party } });
  for (const p of flow.payments) edges.push({ from: p.fromParty, to: p.toParty, label: `${t('graph.payment')} ${yuan(p.amountFen)}`, money: true });
  nodes.push({ id: claim.claimId, label: `${t('graph.claim')} ${claim.claimId}`, short: `${t('graph.claim')}\n${short(claim.claimId)}`, kind: 'claim', record: { docType: 'claim', id: claim.claimId } });
  edges.push({ from: claim.claimId, to: flow.payee.party, label: t('graph.claimedBy') });
  if (dispense) {
    nodes.push({ id: dispense.dispenseId, label: `${t('graph.dispense')} ${dispense.dispenseId}`, short: `${t('graph.dispense')}\n${short(dispense.dispenseId)}`, kind: 'dispense', record: { docType: 'dispense', id: dispense.dispenseId } });
    edges.push({ from: dispense.dispenseId, to: claim.claimId, label: t('graph.claims') });
  }
  if (prescription && dispense) {
    nodes.push({ id: prescription.rxId, label: `${t('graph.prescription')} ${prescription.rxId}`, short: `${t('graph.prescription')}\n${short(prescription.rxId)}`, kind: 'prescription', record: { docType: 'prescription', id: prescription.rxId } });
    edges.push({ from: prescription.rxId, to: dispense.dispenseId, label: t('graph.dispensedAs') });
    const doctor = `doctor:${prescription.prescriber.doctorId}`;
    nodes.push({ id: doctor, label: `${t('graph.doctor')} ${prescription.prescriber.doctorId} @ ${prescription.prescriber.institutionId}`, short: `${t('graph.doctor')}\n${prescription.prescriber.doctorId}`, kind: 'doctor', record: { docType: 'practitioner', id: prescription.prescriber.doctorId } });
    edges.push({ from: doctor, to: prescription.rxId, label: t('graph.issued') });
  }
  // Flow order on screen: money from the left, records from the right.
  return { nodes: nodes.reverse(), edges };
}

function NodeDetail({ node, traced }: { node: FlowNode; traced: Traced }) {
  const { t } = useTranslation();
  const { flow, claim, dispense, prescription } = traced;
  const items: { key: string; label: string; children: React.ReactNode }[] = [];
  if (node.kind === 'claim') {
    items.push(
      { key: 's', label: t('common.status'), children: <StatusTag status={claim.status} /> },
      { key: 't', label: t('claim.total'), children: <Money fen={claim.amounts.totalFen} /> },
      { key: 'f', label: t('claim.fund'), children: <Money fen={claim.amounts.fundFen} /> },
      { key: 'd', label: t('claim.derivation'), children: `${claim.derivation.ref.refType} ${claim.derivation.ref.refId} (tx ${claim.derivation.ref.txId.slice(0, 10)}…)` },
    );
  } else if (node.kind === 'dispense' && dispense) {
    items.push(
      { key: 'p', label: t('pharmacist.pharmacy'), children: dispense.pharmacyId },
      { key: 'w', label: t('pharmacist.when'), children: when(dispense.dispensed.at) },
      { key: 'a', label: t('pharmacist.amount'), children: <Money fen={dispense.totalFen} /> },
      { key: 'tx', label: 'tx', children: <code>{dispense.dispensed.txId.slice(0, 16)}…</code> },
    );
  } else if (node.kind === 'prescription' && prescription) {
    items.push(
      { key: 'rx', label: t('common.rxId'), children: <code data-testid="traced-rx">{prescription.rxId}</code> },
      { key: 'i', label: t('doctor.issuedAt'), children: when(prescription.issuedAt) },
      { key: 'it', label: t('doctor.items'), children: prescription.items.map((i) => `${i.name} × ${i.quantity}`).join('；') },
      { key: 'tx', label: 'tx', children: <code>{prescription.issued.txId.slice(0, 16)}…</code> },
    );
  } else if (node.kind === 'institution') {
    items.push({ key: 'r', label: t('graph.received'), children: <Money fen={flow.payee.receivedFen} /> });
    if (flow.payee.recoveredFen) items.push({ key: 'rc', label: t('graph.recovered'), children: <Money fen={flow.payee.recoveredFen} /> });
  } else if (node.kind === 'fund') {
    if (flow.batch) items.push({ key: 'b', label: t('claim.batch'), children: `${flow.batch.batchId} (${flow.batch.status})` });
    for (const c of flow.clearings ?? []) items.push({ key: `c-${c.transferId}`, label: t('graph.clearing'), children: `${c.fromParty} → ${c.toParty} ${yuan(c.amountFen)}` });
  } else if (node.kind === 'doctor' && prescription) {
    items.push({ key: 'h', label: t('graph.hospital'), children: prescription.prescriber.institutionId });
  }
  return (
    <Card size="small" title={node.label} data-testid="node-detail">
      <Descriptions size="small" column={1} items={items} />
      {node.record && (
        <Space wrap>
          <Link to={`/app/investigator/records/${node.record.docType}/${encodeURIComponent(node.record.id)}`}>{t('graph.history')}</Link>
          {node.kind === 'doctor' && prescription && <Link to={`/app/investigator/timeline?actorType=doctor&id=${encodeURIComponent(prescription.prescriber.doctorId)}`}>{t('graph.timeline')}</Link>}
          {node.kind === 'institution' && <Link to={`/app/investigator/funds?party=${encodeURIComponent(flow.payee.party)}`}>{t('graph.funds')}</Link>}
        </Space>
      )}
    </Card>
  );
}

export function TraceScreen() {
  const { t } = useTranslation();
  const { claimId } = useParams();
  const navigate = useNavigate();
  const traced = useLoad(() => (claimId ? trace(claimId) : Promise.resolve(undefined)), [claimId]);
  const graph = useMemo(() => (traced.data ? graphOf(traced.data, t) : undefined), [traced.data, t]);
  const [selected, setSelected] = useState<FlowNode>();

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.investigator.trace')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16 }} initialValues={{ claimId }}
        onFinish={({ claimId: id }: { claimId: string }) => { setSelected(undefined); navigate(`/app/investigator/trace/${encodeURIComponent(id.trim())}`); }}>
        <Form.Item name="claimId" label={t('claim.id')} rules={[{ required: true }]}><Input style={{ width: 320 }} placeholder="CLM-…" /></Form.Item>
        <Button type="primary" htmlType="submit">{t('graph.trace')}</Button>
      </Form>
      {claimId && traced.loading && <Loading />}
      <ErrorAlert error={traced.error} />
      {traced.data && graph && (
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <FlowGraph nodes={graph.nodes} edges={graph.edges} onSelect={setSelected} selected={selected?.id} />
            <Space wrap style={{ marginTop: 8 }} aria-label={t('graph.nodes')}>
              {graph.nodes.map((n) => (
                <Button key={n.id} size="small" type={selected?.id === n.id ? 'primary' : 'default'} onClick={() => setSelected(n)} data-testid={`node-${n.kind}`}>{n.label}</Button>
              ))}
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            {selected ? <NodeDetail node={selected} traced={traced.data} /> : <Card size="small"><Typography.Text type="secondary">{t('graph.pick')}</Typography.Text></Card>}
          </Col>
        </Row>
      )}
    </>
  );
}
