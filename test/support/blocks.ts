/**
 * Builds serialised Fabric blocks with fabric-protos, the way a peer delivers them, so the
 * read model's decoder can be tested on blocks of known content without a network.
 */
import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import crypto from 'node:crypto';

export interface TestWrite {
  namespace?: string;
  key: string;
  /** Omitted for a delete. */
  value?: string | Uint8Array;
}

export interface TestTx {
  txId: string;
  /** peer.TxValidationCode; VALID (0) unless given. */
  validationCode?: number;
  mspId?: string;
  /** Seconds since the epoch. */
  time?: number;
  writes: TestWrite[];
  /** A config envelope instead of an endorser transaction. */
  config?: boolean;
}

export const recordKey = (docType: string, id: string): string => `\u0000${docType}\u0000${id}\u0000`;
export const indexKey = (index: string, ...attributes: string[]): string => `\u0000${[index, ...attributes].join('\u0000')}\u0000`;

export function buildBlock(number: number, previousHash: Uint8Array, txs: TestTx[]): Uint8Array {
  const envelopes = txs.map(envelopeOf);
  const header = new common.BlockHeader();
  header.setNumber(number);
  header.setPreviousHash(previousHash);
  header.setDataHash(crypto.createHash('sha256').update(Buffer.concat(envelopes.map((e) => Buffer.from(e)))).digest());
  const data = new common.BlockData();
  data.setDataList(envelopes);
  const metadata = new common.BlockMetadata();
  const entries: Uint8Array[] = [new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array()];
  entries[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = Uint8Array.from(txs.map((t) => t.validationCode ?? peer.TxValidationCode.VALID));
  metadata.setMetadataList(entries);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block.serializeBinary();
}

function envelopeOf(tx: TestTx): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(tx.config ? common.HeaderType.CONFIG : common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setTxId(tx.txId);
  channelHeader.setChannelId('rxchannel');
  const ts = new Timestamp();
  ts.setSeconds(tx.time ?? 1_800_000_000);
  ts.setNanos(250_000_000);
  channelHeader.setTimestamp(ts);
  const creator = new msp.SerializedIdentity();
  creator.setMspid(tx.mspId ?? 'HospitalMSP');
  creator.setIdBytes(Buffer.from('-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n'));
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creator.serializeBinary());
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(tx.config ? new Uint8Array([1, 2, 3]) : transactionOf(tx.writes).serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope.serializeBinary();
}

function transactionOf(writes: TestWrite[]): peer.Transaction {
  const byNamespace = new Map<string, ledger.rwset.kvrwset.KVWrite[]>();
  for (const w of writes) {
    const kv = new ledger.rwset.kvrwset.KVWrite();
    kv.setKey(w.key);
    if (w.value === undefined) kv.setIsDelete(true);
    else kv.setValue(typeof w.value === 'string' ? Buffer.from(w.value, 'utf8') : w.value);
    const ns = w.namespace ?? 'rxchain';
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), kv]);
  }
  const rwset = new ledger.rwset.TxReadWriteSet();
  rwset.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
  rwset.setNsRwsetList(
    [...byNamespace].map(([namespace, kvs]) => {
      const kvrw = new ledger.rwset.kvrwset.KVRWSet();
      kvrw.setWritesList(kvs);
      const ns = new ledger.rwset.NsReadWriteSet();
      ns.setNamespace(namespace);
      ns.setRwset(kvrw.serializeBinary());
      return ns;
    }),
  );
  const action = new peer.ChaincodeAction();
  action.setResults(rwset.serializeBinary());
  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setExtension$(action.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responsePayload.serializeBinary());
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([txAction]);
  return transaction;
}
