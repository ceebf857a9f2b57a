import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DecodedBlock, RecordWrite } from '../../gateway-api/src/read-model/block-decoder';
import { openDatabase, type SqlDatabase } from '../../gateway-api/src/read-model/database';
import { ChainMismatchError, ReadModelStore } from '../../gateway-api/src/read-model/store';
import { failingCheckpoint, type CheckpointFault } from '../support/read-model-faults';

const hashOf = (n: number) => crypto.createHash('sha256').update(`block ${n}`).digest('hex');

function write(docType: string, recordId: string, txIndex: number, value: object | undefined): RecordWrite {
  const valueText = value === undefined ? undefined : JSON.stringify(value);
  return {
    docType,
    recordId,
    txIndex,
    txId: crypto.createHash('sha256').update(`${docType}/${recordId}/${txIndex}/${valueText}`).digest('hex'),
    txTime: '2026-11-23T03:01:11.227Z',
    creatorMsp: 'HospitalMSP',
    isDelete: value === undefined,
    ...(valueText === undefined ? {} : { valueText, sha256: crypto.createHash('sha256').update(valueText).digest('hex') }),
  };
}

/** Block n chaining onto block n-1 (hashes are stand-ins: the store only compares them). */
function block(n: number, writes: RecordWrite[]): DecodedBlock {
  return { number: BigInt(n), hash: hashOf(n), previousHash: n === 0 ? '' : hashOf(n - 1), transactions: writes.length, validTransactions: writes.length, writes };
}

async function count(db: SqlDatabase, table: string): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row.n);
}

describe('read model: store on PGlite', function () {
  this.timeout(60_000);
  let dir: string;
  let raw: SqlDatabase;
  let armed: CheckpointFault;
  let store: ReadModelStore;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-read-model-'));
    raw = await openDatabase({ kind: 'pglite', dataDir: dir });
    armed = { on: false };
    store = new ReadModelStore(failingCheckpoint(raw, armed), 'rxchannel');
    await store.init();
  });

  after(async () => {
    await raw?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts at block 0 with no rows', async () => {
    expect(await store.checkpoint()).to.deep.equal({ nextBlock: 0n });
    expect(await count(raw, 'record_versions')).to.equal(0);
  });

  it('applies a block once: a second delivery of it changes nothing', async () => {
    const b0 = block(0, [write('prescription', 'RX-1', 0, { rxId: 'RX-1', status: 'ISSUED' }), write('claim', 'CLM-1', 1, { claimId: 'CLM-1' })]);
    expect(await store.applyBlock(b0)).to.equal(true);
    expect(await store.applyBlock(b0)).to.equal(false);
    expect(await count(raw, 'record_versions')).to.equal(2);
    expect(await count(raw, 'records')).to.equal(2);
    expect(await store.checkpoint()).to.deep.equal({ nextBlock: 1n, lastBlockHash: hashOf(0) });
  });

  it('never duplicates a version even when the checkpoint is wound back by hand', async () => {
    await raw.query(`UPDATE checkpoint SET next_block = 0, last_block_hash = NULL`);
    await store.applyBlock(block(0, [write('prescription', 'RX-1', 0, { rxId: 'RX-1', status: 'ISSUED' }), write('claim', 'CLM-1', 1, { claimId: 'CLM-1' })]));
    const [dup] = await raw.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM record_versions GROUP BY doc_type, record_id, block_number, tx_index HAVING count(*) > 1) d`,
    );
    expect(Number(dup.n)).to.equal(0);
    expect(await count(raw, 'record_versions')).to.equal(2);
  });

  it('commits a block’s rows and the checkpoint together: a failure between them leaves neither', async () => {
    const b1 = block(1, [write('prescription', 'RX-1', 0, { rxId: 'RX-1', status: 'DISPENSED' }), write('dispense', 'DSP-1', 0, { dispenseId: 'DSP-1' })]);
    armed.on = true;
    try {
      await store.applyBlock(b1);
      expect.fail('the simulated crash did not happen');
    } catch (err) {
      expect((err as Error).message).to.match(/simulated crash/);
    } finally {
      armed.on = false;
    }
    expect(await store.checkpoint()).to.deep.equal({ nextBlock: 1n, lastBlockHash: hashOf(0) });
    expect(await count(raw, 'record_versions')).to.equal(2);
    expect((await store.latest('prescription', 'RX-1'))?.value).to.deep.equal({ rxId: 'RX-1', status: 'ISSUED' });
    // The same block, delivered again after the "restart", goes in whole.
    expect(await store.applyBlock(b1)).to.equal(true);
    expect(await count(raw, 'record_versions')).to.equal(4);
    expect((await store.latest('prescription', 'RX-1'))?.value).to.deep.equal({ rxId: 'RX-1', status: 'DISPENSED' });
  });

  it('keeps every version and the latest per key, the last writer within a block winning', async () => {
    const b2 = block(2, [write('probe', 'P-1', 0, { n: 1 }), write('probe', 'P-1', 3, { n: 2 }), write('prescription', 'RX-1', 5, undefined)]);
    await store.applyBlock(b2);
    const versions = await store.versions('probe', 'P-1', 10);
    expect(versions.map((v) => [v.blockNumber, v.txIndex, v.value])).to.deep.equal([
      ['2', 0, { n: 1 }],
      ['2', 3, { n: 2 }],
    ]);
    expect((await store.latest('probe', 'P-1'))?.value).to.deep.equal({ n: 2 });
    const rx = await store.latest('prescription', 'RX-1');
    expect(rx).to.include({ isDelete: true, blockNumber: '2', txIndex: 5, sha256: null });
    expect(await store.versionCount('prescription', 'RX-1')).to.equal(3);
    // Paging: after (block 1, tx 0) come the delete only.
    expect((await store.versions('prescription', 'RX-1', 10, { blockNumber: 1n, txIndex: 0 })).map((v) => v.isDelete)).to.deep.equal([true]);
  });

  it('refuses a gap and a block that does not chain onto the last one', async () => {
    try {
      await store.applyBlock(block(4, []));
      expect.fail('a gap was accepted');
    } catch (err) {
      expect((err as Error).message).to.match(/block 4 arrived while block 3 is next/);
    }
    const foreign = { ...block(3, [write('claim', 'CLM-X', 0, { x: 1 })]), previousHash: hashOf(99) };
    try {
      await store.applyBlock(foreign);
      expect.fail('a block of another chain was accepted');
    } catch (err) {
      expect(err).to.be.instanceOf(ChainMismatchError);
    }
    expect((await store.checkpoint()).nextBlock).to.equal(3n);
    expect(await store.latest('claim', 'CLM-X')).to.equal(undefined);
  });

  it('applies consecutive blocks in one transaction, skipping those it has, and refuses the whole batch on a gap', async () => {
    const b3 = block(3, [write('claim', 'CLM-2', 0, { v: 3 })]);
    const b4 = block(4, [write('claim', 'CLM-2', 0, { v: 4 }), write('claim', 'CLM-3', 1, { v: 4 })]);
    const b6 = block(6, [write('claim', 'CLM-2', 0, { v: 6 })]);
    try {
      await store.applyBlocks([b3, b4, b6]);
      expect.fail('a gap inside a batch was accepted');
    } catch (err) {
      expect((err as Error).message).to.match(/block 6 arrived while block 5 is next/);
    }
    expect((await store.checkpoint()).nextBlock).to.equal(3n);
    expect(await store.latest('claim', 'CLM-2')).to.equal(undefined);
    expect(await store.applyBlocks([b3])).to.equal(1);
    // 3 is there already: only 4 and 5 go in, and the latest per key is the batch's last write.
    expect(await store.applyBlocks([b3, b4, block(5, [write('claim', 'CLM-2', 2, { v: 5 })])])).to.equal(2);
    expect(await store.checkpoint()).to.deep.equal({ nextBlock: 6n, lastBlockHash: hashOf(5) });
    expect((await store.latest('claim', 'CLM-2'))?.value).to.deep.equal({ v: 5 });
    expect((await store.versions('claim', 'CLM-2', 10)).map((v) => v.blockNumber)).to.deep.equal(['3', '4', '5']);
  });

  it('keeps a value jsonb cannot hold (a NUL, a lone surrogate in free text) as its JSON text, and goes on', async () => {
    const nasty = { note: 'a\u0000b', other: '\ud800', plain: 'ok' };
    const w = write('probe', 'P-NUL', 0, nasty);
    expect(w.valueText).to.contain('\\u0000').and.contain('\\ud800');
    expect(await store.applyBlocks([block(6, [w]), block(7, [write('probe', 'P-OK', 0, { note: 'fine' })])])).to.equal(2);
    const latest = await store.latest('probe', 'P-NUL');
    expect(latest?.value).to.deep.equal(nasty);
    expect(latest?.sha256).to.equal(w.sha256);
    expect((await store.versions('probe', 'P-NUL', 10))[0].value).to.deep.equal(nasty);
    expect((await store.latest('probe', 'P-OK'))?.value).to.deep.equal({ note: 'fine' });
  });

  it('keeps the checkpoint and rows across a close and reopen of the data directory, and refuses another channel', async () => {
    await raw.close();
    raw = await openDatabase({ kind: 'pglite', dataDir: dir });
    const reopened = new ReadModelStore(raw, 'rxchannel');
    await reopened.init();
    expect(await reopened.checkpoint()).to.deep.equal({ nextBlock: 8n, lastBlockHash: hashOf(7) });
    expect(await count(raw, 'record_versions')).to.equal(13);
    try {
      await new ReadModelStore(raw, 'otherchannel').init();
      expect.fail('another channel was accepted');
    } catch (err) {
      expect(err).to.be.instanceOf(ChainMismatchError);
    }
  });
});
