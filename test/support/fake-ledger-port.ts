/**
 * A LedgerPort without a network, for gateway unit tests: it records every call, answers with
 * canned results per transaction, or throws a given LedgerError, so the HTTP layer can be
 * exercised on its own.
 */
import type { AnyTx, ArgsOf, ResultOf, TxId } from '@rxchain/chaincode/dist/shared';
import type { AuthenticatedUser } from '../../gateway-api/src/fabric/identities';
import {
  LedgerError,
  type CallOptions,
  type ChainHeight,
  type Committed,
  type LedgerEvent,
  type LedgerEventStream,
  type LedgerFailure,
  type LedgerPort,
} from '../../gateway-api/src/fabric/ledger-port';

export interface RecordedCall {
  method: 'evaluate' | 'submit';
  user: string;
  tx: TxId;
  args: unknown;
  options: CallOptions<AnyTx>;
}

type Answer = (args: unknown) => unknown;

export class FakeLedgerPort implements LedgerPort {
  readonly calls: RecordedCall[] = [];
  readonly catchUps: { user: string; minBlock?: bigint }[] = [];
  /** The certificate each call (in `calls`' order) would be signed with. */
  readonly signers: string[] = [];
  /** Events every chaincodeEvents stream replays, from the start block asked for. */
  events: LedgerEvent[] = [];
  height: ChainHeight = { height: '7', currentBlockHash: 'ab'.repeat(32) };
  closed = false;
  private readonly answers = new Map<TxId, Answer>();
  private block = 100;

  /** Answers the transaction with this result (or the result of calling it with the args). */
  answer<X extends AnyTx>(tx: X, result: ResultOf<X> | ((args: ArgsOf<X>) => ResultOf<X> | Promise<ResultOf<X>>)): this {
    this.answers.set(tx.id, typeof result === 'function' ? (result as Answer) : () => result);
    return this;
  }

  /** Makes the transaction fail with this ledger failure. */
  fail(tx: AnyTx, failure: LedgerFailure, message = `${failure.kind} (fake)`): this {
    this.answers.set(tx.id, () => {
      throw new LedgerError(failure, message);
    });
    return this;
  }

  callsOf(tx: AnyTx): RecordedCall[] {
    return this.calls.filter((c) => c.tx === tx.id);
  }

  async evaluate<X extends AnyTx>(user: AuthenticatedUser, tx: X, args: ArgsOf<X>, options: CallOptions<X> = {}): Promise<ResultOf<X>> {
    return (await this.run('evaluate', user, tx, args, options)) as ResultOf<X>;
  }

  async submit<X extends AnyTx>(user: AuthenticatedUser, tx: X, args: ArgsOf<X>, options: CallOptions<X> = {}): Promise<Committed<ResultOf<X>>> {
    const result = (await this.run('submit', user, tx, args, options)) as ResultOf<X>;
    this.block++;
    return { result, txId: this.block.toString(16).padStart(64, '0'), blockNumber: String(this.block) };
  }

  async catchUp(user: AuthenticatedUser, minBlock?: bigint): Promise<void> {
    this.catchUps.push({ user: user.name, ...(minBlock !== undefined ? { minBlock } : {}) });
  }

  async chainHeight(): Promise<ChainHeight> {
    return this.height;
  }

  async chaincodeEvents(_user: AuthenticatedUser, startBlock: bigint): Promise<LedgerEventStream> {
    const events = this.events.filter((e) => e.blockNumber >= startBlock);
    return {
      close: () => undefined,
      async *[Symbol.asyncIterator]() {
        yield* events;
      },
    };
  }

  close(): void {
    this.closed = true;
  }

  private async run(method: RecordedCall['method'], user: AuthenticatedUser, tx: AnyTx, args: unknown, options: CallOptions<AnyTx>): Promise<unknown> {
    this.calls.push({ method, user: user.name, tx: tx.id, args, options });
    this.signers.push(user.certPath);
    const answer = this.answers.get(tx.id);
    if (!answer) throw new Error(`FakeLedgerPort: no answer for ${tx.id}`);
    return answer(args);
  }
}
