import type { Checkpoint, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { decodeBlockBytes } from '../../gateway-api/src/read-model/block-decoder';
import type { BlockSource } from '../../gateway-api/src/read-model/block-source';
import { openDatabase, type SqlDatabase } from '../../gateway-api/src/read-model/database';
import { BlockFollower } from '../../gateway-api/src/read-model/follower';
import { ReadModelService } from '../../gateway-api/src/read-model/service';
import { ReadModelStore } from '../../gateway-api/src/read-model/store';
import { buildBlock, recordKey } from '../support/blocks';

/** A chain of `count` blocks, each writing one probe version, chained by header hash. */
function chain(count: number): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  let previous: Uint8Array = new Uint8Array();
  for (let n = 0; n < count; n++) {
    const bytes = buildBlock(n, previous, [{ txId: `${n}`.padStart(64, '0'), writes: [{ key: recordKey('probe', `P-${n % 3}`), value: `{"n":${n}}` }] }]);
    blocks.push(bytes);
    previous = Buffer.from(decodeBlockBytes(bytes, 'rxchain').hash, 'hex');
  }
  return blocks;
}

/**
 * A peer in a test: each connection serves blocks from the requested start (or from `replayFrom`,
 * to re-deliver blocks already applied), then breaks the stream after `breakAfter` blocks or
 * waits for more until closed.
 */
class ScriptedSource implements BlockSource {
  readonly starts: bigint[] = [];
  replayFrom: number | undefined;
  breakAfter: number | undefined;
  constructor(private readonly chainBlocks: Uint8Array[]) {}

  async blocks(checkpoint: Checkpoint): Promise<CloseableAsyncIterable<common.Block>> {
    const start = Number(checkpoint.getBlockNumber() ?? 0n);
    this.starts.push(BigInt(start));
    const from = this.replayFrom ?? start;
    this.replayFrom = undefined;
    const breakAfter = this.breakAfter;
    this.breakAfter = undefined;
    let closed = false;
    let wake: () => void = () => undefined;
    const all = this.chainBlocks;
    async function* iterate(): AsyncGenerator<common.Block> {
      for (let n = from, sent = 0; n < all.length && !closed; n++, sent++) {
        if (breakAfter !== undefined && sent === breakAfter) throw new Error('stream broken');
        yield common.Block.deserializeBinary(all[n]);
      }
      // A live stream: nothing more until closed.
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (closed) resolve();
      });
    }
    const iterator = iterate();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: () => {
        closed = true;
        wake();
      },
    } as unknown as CloseableAsyncIterable<common.Block>;
  }

  async chainHeight(): Promise<bigint> {
    return BigInt(this.chainBlocks.length);
  }

  close(): void {}
}

describe('read model: follower', function () {
  this.timeout(60_000);
  let dir: string;
  let db: SqlDatabase;
  const logger = pino({ level: 'silent' });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-follower-'));
    db = await openDatabase({ kind: 'pglite', dataDir: dir });
  });
  // One database (PGlite takes seconds to create), emptied before each test.
  beforeEach(() => db.query('DROP TABLE IF EXISTS record_versions, records, checkpoint'));
  after(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function versions(): Promise<number> {
    const [row] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM record_versions');
    return Number(row.n);
  }

  it('reconnects from its checkpoint after a broken stream and skips blocks delivered twice', async () => {
    const source = new ScriptedSource(chain(8));
    const store = new ReadModelStore(db, 'rxchannel');
    await store.init();
    source.breakAfter = 5;
    const follower = new BlockFollower(source, store, { namespace: 'rxchain', logger, retryMs: 10, heightPollMs: 10 });
    await follower.start();
    // First connection from 0 breaks after 5 blocks; the second asks from 5 and gets 3, 4 again first.
    await follower.waitForHeight(5n, 5_000);
    source.replayFrom = 3;
    expect(await follower.waitForHeight(8n, 5_000)).to.equal(true);
    await follower.stop();
    expect(source.starts).to.deep.equal([0n, 5n]);
    expect(await versions()).to.equal(8);
    expect(follower.status()).to.include({ processedHeight: '8', lagBlocks: 0, blocksApplied: 8, recordVersionsWritten: 8 });
  });

  it('a new follower on the same database resumes after the last block applied', async () => {
    const blocks = chain(6);
    const store = new ReadModelStore(db, 'rxchannel');
    await store.init();
    const first = new BlockFollower(new ScriptedSource(blocks.slice(0, 4)), store, { namespace: 'rxchain', logger });
    await first.start();
    await first.waitForHeight(4n, 5_000);
    await first.stop();
    const source = new ScriptedSource(blocks);
    const second = new BlockFollower(source, store, { namespace: 'rxchain', logger });
    await second.start();
    expect(await second.waitForHeight(6n, 5_000)).to.equal(true);
    await second.stop();
    expect(source.starts).to.deep.equal([4n]);
    expect(await versions()).to.equal(6);
  });

  it('halts instead of splicing in a block of another chain', async () => {
    const store = new ReadModelStore(db, 'rxchannel');
    await store.init();
    const first = new BlockFollower(new ScriptedSource(chain(3)), store, { namespace: 'rxchain', logger });
    await first.start();
    await first.waitForHeight(3n, 5_000);
    await first.stop();
    // Another network's chain: block 3 names a different block 2 as its previous.
    const other = chain(5).map((b, n) => (n < 3 ? b : buildBlock(n, Buffer.alloc(32, 9), [])));
    const follower = new BlockFollower(new ScriptedSource(other), store, { namespace: 'rxchain', logger, retryMs: 10 });
    await follower.start();
    const deadline = Date.now() + 5_000;
    while (!follower.status().halted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(follower.status()).to.include({ halted: true, running: false, processedHeight: '3' });
    expect(follower.status().error).to.match(/does not chain onto/);
    await follower.stop();
  });

  it('the service keeps trying a start whose database is unreachable, then follows; /health says why meanwhile', async () => {
    let attempts = 0;
    const service = new ReadModelService(
      async () => {
        if (++attempts < 3) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        // The test's database outlives the service.
        return { database: { ...db, close: async () => undefined }, source: new ScriptedSource(chain(4)) };
      },
      { databaseKind: 'postgres', channel: 'rxchannel', namespace: 'rxchain', logger },
    );
    service.startInBackground(20);
    const deadline = Date.now() + 5_000;
    while (service.status().state !== 'failed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(service.status()).to.include({ state: 'failed', database: 'postgres', error: 'connect ECONNREFUSED 127.0.0.1:5432' });
    while (service.status().processedHeight !== '4' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(service.status()).to.include({ state: 'following', processedHeight: '4', lagBlocks: 0 });
    expect(attempts).to.equal(3);
    await service.stop();
    expect(service.status().state).to.equal('stopped');
  });
});
