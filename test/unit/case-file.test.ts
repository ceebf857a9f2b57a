import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DecodedBlock, RecordWrite } from '../../gateway-api/src/read-model/block-decoder';
import { parseTimelineBookmark, readCaseFile, type FlowNode } from '../../gateway-api/src/read-model/case-file';
import { openDatabase, type SqlDatabase } from '../../gateway-api/src/read-model/database';
import { ReadModelStore } from '../../gateway-api/src/read-model/store';

const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const hashOf = (n: number) => sha(`block ${n}`);

/** One transaction's writes, all under its tx id. */
function tx(txIndex: number, label: string, records: [string, string, object][]): RecordWrite[] {
  const txId = sha(`tx ${label}`);
  return records.map(([docType, recordId, value]) => {
    const valueText = JSON.stringify(value);
    return { docType, recordId, txIndex, txId, txTime: '2026-03-06T02:00:00.000Z', creatorMsp: 'RegulatorMSP', isDelete: false, valueText, sha256: sha(valueText) };
  });
}

const block = (n: number, writes: RecordWrite[]): DecodedBlock => ({ number: BigInt(n), hash: hashOf(n), previousHash: n === 0 ? '' : hashOf(n - 1), transactions: 1, validTransactions: 1, writes });

const claim = (status: string, extra: object = {}) => ({
  docType: 'claim', claimId: 'C-1', status, institutionId: 'P310001', treatmentRegion: '310000', insuredRegion: '110000', amounts: { fundFen: 40_000 }, transferIds: ['T-1'], batchId: 'B-1', ...extra,
});
const transfer = (transferId: string, kind: string, fromParty: string, toParty: string, amountFen: number, claimIds: string[], batchId?: string) => ({
  docType: 'transfer', transferId, kind, fromParty, toParty, amountFen, claimIds, date: '2026-03-06', ...(batchId ? { batchId } : {}),
});
const caseRecord = (evidence: object[]) => ({ docType: 'investigation-case', caseId: 'CASE-1', region: '310000', status: 'OPEN', evidence, dueDate: '2026-03-27' });

describe('case file from the read model (FT-01)', function () {
  this.timeout(60_000);
  let dir: string;
  let db: SqlDatabase;
  const paymentTx = sha('tx pay');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-case-file-'));
    db = await openDatabase({ kind: 'pglite', dataDir: dir });
    const store = new ReadModelStore(db, 'rxchannel');
    await store.init();
    const evidence = [
      { kind: 'claim', id: 'C-1', note: 'claim on a reused invoice' },
      { kind: 'tx', id: paymentTx, note: 'the payment' },
      { kind: 'prescription', id: 'RX-NOT-YET', note: 'not followed yet' },
    ];
    await store.applyBlocks([
      block(0, tx(0, 'pay', [['claim', 'C-1', claim('REMITTED')], ['transfer', 'T-1', transfer('T-1', 'claimPayment', 'fund:310000', 'P310001', 40_000, ['C-1'])]])),
      block(1, [...tx(0, 'open', [['investigation-case', 'CASE-1', caseRecord([])]]), ...tx(1, 'unrelated', [['claim', 'C-9', claim('APPROVED', { claimId: 'C-9' })]])]),
      block(2, [
        ...tx(0, 'clear', [
          ['batch', 'B-1', { docType: 'batch', batchId: 'B-1', status: 'CLEARED', claimIds: ['C-1', 'C-OTHER'], transferIds: ['T-CLR'] }],
          ['transfer', 'T-CLR', transfer('T-CLR', 'clearing', 'fund:110000', 'fund:310000', 90_000, ['C-1', 'C-OTHER'], 'B-1')],
        ]),
        ...tx(1, 'link', [['investigation-case', 'CASE-1', caseRecord(evidence)]]),
      ]),
      block(3, tx(0, 'recover', [['claim', 'C-1', claim('RECOVERED', { recoveryTransferId: 'R-1' })], ['transfer', 'R-1', transfer('R-1', 'recovery', 'P310001', 'fund:310000', 40_000, ['C-1'])]])),
    ]);
  });

  after(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists each piece of evidence with the block and tx that last wrote it, and resolves a tx id to its writes', async () => {
    const file = await readCaseFile(db, 'CASE-1', { pageSize: 50 });
    expect(file?.casePosition).to.include({ blockNumber: '2', txIndex: 1, txId: sha('tx link') });
    const [c, t, rx] = file?.evidence ?? [];
    expect(c).to.deep.include({ kind: 'claim', id: 'C-1', found: true });
    expect(c.latest).to.include({ blockNumber: '3', txId: sha('tx recover') });
    expect((c.latest?.value as { status: string }).status).to.equal('RECOVERED');
    expect(t).to.deep.include({ kind: 'tx', found: true, writes: [{ docType: 'claim', recordId: 'C-1', blockNumber: '0', txIndex: 0 }, { docType: 'transfer', recordId: 'T-1', blockNumber: '0', txIndex: 0 }] });
    expect(rx).to.deep.equal({ kind: 'prescription', id: 'RX-NOT-YET', note: 'not followed yet', found: false });
    expect(await readCaseFile(db, 'CASE-NONE', { pageSize: 50 })).to.equal(undefined);
  });

  it('draws the fund flow of the linked claim: payment, recovery, batch and clearing, funds and institution', async () => {
    const { nodes, edges } = (await readCaseFile(db, 'CASE-1', { pageSize: 50 }))?.fundFlow ?? { nodes: [], edges: [] };
    expect(nodes.map((n: FlowNode) => n.id).sort()).to.deep.equal(
      ['batch:B-1', 'claim:C-1', 'party:P310001', 'party:fund:110000', 'party:fund:310000', 'transfer:R-1', 'transfer:T-1', 'transfer:T-CLR'].sort(),
    );
    expect(nodes.find((n) => n.id === 'batch:B-1')).to.include({ claimCount: 2, status: 'CLEARED' });
    const edge = (from: string, to: string) => edges.filter((e) => e.from === from && e.to === to).map((e) => [e.kind, e.amountFen]);
    expect(edge('claim:C-1', 'transfer:T-1')).to.deep.equal([['paidBy', 40_000]]);
    expect(edge('claim:C-1', 'transfer:R-1')).to.deep.equal([['recoveredBy', 40_000]]);
    expect(edge('claim:C-1', 'batch:B-1')).to.deep.equal([['clearedIn', undefined]]);
    expect(edge('batch:B-1', 'transfer:T-CLR')).to.deep.equal([['settledBy', 90_000]]);
    expect(edge('party:fund:310000', 'transfer:T-1')).to.deep.equal([['pays', 40_000]]);
    expect(edge('transfer:T-1', 'party:P310001')).to.deep.equal([['receives', 40_000]]);
    expect(edge('party:P310001', 'transfer:R-1')).to.deep.equal([['pays', 40_000]]);
    // The batch's other claim is someone else's: not drawn.
    expect(nodes.some((n) => n.id === 'claim:C-OTHER')).to.equal(false);
  });

  it('pages the timeline of the case and its evidence in chain order', async () => {
    const first = await readCaseFile(db, 'CASE-1', { pageSize: 3 });
    const order = (entries: { docType: string; recordId: string; blockNumber: string; txIndex: number }[]) => entries.map((e) => `${e.blockNumber}.${e.txIndex} ${e.docType}/${e.recordId}`);
    expect(order(first?.timeline.entries ?? [])).to.deep.equal(['0.0 claim/C-1', '1.0 investigation-case/CASE-1', '2.1 investigation-case/CASE-1']);
    expect(first?.timeline.bookmark).to.equal('2:1:investigation-case/CASE-1');
    const second = await readCaseFile(db, 'CASE-1', { pageSize: 3, after: parseTimelineBookmark(first?.timeline.bookmark ?? '') });
    expect(order(second?.timeline.entries ?? [])).to.deep.equal(['3.0 claim/C-1']);
    expect(second?.timeline.bookmark).to.equal('');
    expect(parseTimelineBookmark('2:1:claim')).to.equal(undefined);
  });
});
