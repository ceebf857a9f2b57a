/** Transactions driven straight through fabric-gateway, bypassing the REST gateway, named by their shared definitions. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CommitError, connect, hash, signers, type Contract } from '@hyperledger/fabric-gateway';
import * as grpc from '@grpc/grpc-js';
import { encodeTransient, type AnyTx, type ArgsOf, type ResultOf, type TransientOf } from '@rxchain/chaincode/dist/shared';
import { decodeResult, proposalOf, wireArgs } from '../gateway-api/src/fabric/wire';
import { benchRunDir } from './network-settings';
import { notePhase, type Phase } from './phases';

const gatewayDir = path.join(benchRunDir, 'gateway');

interface Profile { channel: string; chaincode: string; orgs: Record<string, { mspId: string; peerEndpoint: string; peerHostAlias: string; tlsRootCert: string }> }
interface Users { users: Record<string, { org: string; mspId: string; certPath: string; keyPath: string }> }

export const readGatewayFile = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(gatewayDir, file), 'utf8')) as T;

/** One user's contract, called with the same one-JSON-argument encoding the gateway uses. */
export class DirectContract {
  constructor(private readonly contract: Contract) {}

  /**
   * Endorse, order and commit as fabric-gateway's separate steps, each timed (what submitTransaction
   * does in one); `transient`: fields the gateway would send in the transient map (a patient's identity).
   */
  async submit<X extends AnyTx>(tx: X, args: ArgsOf<X>, transient?: TransientOf<X>): Promise<ResultOf<X>> {
    const transaction = await timed('endorse', () => this.contract.newProposal(tx.id, proposalOf(tx, args, { transient })).endorse());
    const commit = await timed('order', () => transaction.submit());
    const status = await timed('commit', () => commit.getStatus());
    if (!status.successful) {
      throw new CommitError({ code: status.code, transactionId: status.transactionId, message: `Transaction ${status.transactionId} failed to commit with status code ${status.code}` });
    }
    return decodeResult<ResultOf<X>>(transaction.getResult());
  }

  async evaluate<X extends AnyTx>(tx: X, args: ArgsOf<X>): Promise<ResultOf<X>> {
    return decodeResult<ResultOf<X>>(await timed('evaluate', () => this.contract.evaluateTransaction(tx.id, wireArgs(tx, args))));
  }

  /** An evaluation with transient fields (a patient's identity), as the gateway sends them. */
  async evaluateWith<X extends AnyTx>(tx: X, args: ArgsOf<X>, transient: Record<string, unknown>): Promise<ResultOf<X>> {
    return decodeResult<ResultOf<X>>(await this.contract.evaluate(tx.id, { arguments: [wireArgs(tx, args)], transientData: encodeTransient(transient) }));
  }
}

async function timed<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    notePhase(phase, performance.now() - t0);
  }
}

/** A demo user's fabric-gateway Contract, connected to their org's peer. */
export function gatewayContract(user: string): Contract {
  const profile = readGatewayFile<Profile>('network.json');
  const u = readGatewayFile<Users>('identities.json').users[user];
  const o = profile.orgs[u.org];
  const client = new grpc.Client(o.peerEndpoint, grpc.credentials.createSsl(fs.readFileSync(o.tlsRootCert)), {
    'grpc.ssl_target_name_override': o.peerHostAlias,
  });
  const gateway = connect({
    client,
    identity: { mspId: u.mspId, credentials: fs.readFileSync(u.certPath) },
    signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(u.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 120_000 }),
  });
  return gateway.getNetwork(profile.channel).getContract(profile.chaincode);
}

/** A direct fabric-gateway contract for a demo user. */
export const directContract = (user: string): DirectContract => new DirectContract(gatewayContract(user));
