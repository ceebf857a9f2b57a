import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import crypto from 'node:crypto';
import { blockHeaderHash } from './block-hash';
import { isRecordDocType } from './doc-types';

/** One write of a record key by a valid transaction, as the read model stores it. */
export interface RecordWrite {
  docType: string;
  recordId: string;
  /** Position of the transaction's envelope in the block (the TRANSACTIONS_FILTER index). */
  txIndex: number;
  txId: string;
  /** The transaction's channel-header timestamp (the time the client proposed it), ISO-8601. */
  txTime: string;
  /** MSP id of the client that signed the transaction. */
  creatorMsp: string;
  isDelete: boolean;
  /** The value exactly as written (canonical JSON text); absent for deletes. */
  valueText?: string;
  /** SHA-256 of the value bytes as written, hex; absent for deletes. */
  sha256?: string;
}

export interface DecodedBlock {
  number: bigint;
  /** Hash of this block's header, hex: the next block's previousHash. */
  hash: string;
  previousHash: string;
  /** Envelopes in the block, and how many of them are valid endorser transactions. */
  transactions: number;
  validTransactions: number;
  writes: RecordWrite[];
}

const VALID = peer.TxValidationCode.VALID;

/**
 * Record writes of a committed block in one chaincode namespace. Only endorser transactions the
 * peer marked VALID in the block's TRANSACTIONS_FILTER metadata count: an invalidated
 * transaction (MVCC conflict, endorsement policy failure, duplicate tx id) is in the block but
 * changed nothing. Index entries are composite keys too; they are left out by docType.
 */
export function decodeBlock(block: common.Block, namespace: string): DecodedBlock {
  const header = required(block.getHeader(), 'block header');
  const number = BigInt(header.getNumber());
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  const filter = required(block.getMetadata(), 'block metadata').getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
  if (!filter || filter.length !== envelopes.length) {
    throw new Error(`block ${number}: TRANSACTIONS_FILTER has ${filter?.length ?? 0} codes for ${envelopes.length} transactions`);
  }

  const writes: RecordWrite[] = [];
  let validTransactions = 0;
  envelopes.forEach((bytes, txIndex) => {
    if (filter[txIndex] !== VALID) return;
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
    const payloadHeader = required(payload.getHeader(), `block ${number} tx ${txIndex} header`);
    const channelHeader = common.ChannelHeader.deserializeBinary(payloadHeader.getChannelHeader_asU8());
    // Config blocks and other non-endorser envelopes carry no chaincode writes.
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return;
    validTransactions++;
    const signatureHeader = common.SignatureHeader.deserializeBinary(payloadHeader.getSignatureHeader_asU8());
    const context = {
      txIndex,
      txId: channelHeader.getTxId(),
      txTime: timestampOf(channelHeader),
      creatorMsp: msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8()).getMspid(),
    };
    for (const kv of namespaceWrites(peer.Transaction.deserializeBinary(payload.getData_asU8()), namespace)) {
      const key = parseRecordKey(kv.getKey());
      if (!key) continue;
      const write: RecordWrite = { ...key, ...context, isDelete: kv.getIsDelete() };
      if (!write.isDelete) {
        const value = kv.getValue_asU8();
        write.valueText = Buffer.from(value).toString('utf8');
        write.sha256 = crypto.createHash('sha256').update(value).digest('hex');
      }
      writes.push(write);
    }
  });

  return {
    number,
    hash: blockHeaderHash(number, header.getPreviousHash_asU8(), header.getDataHash_asU8()).toString('hex'),
    previousHash: Buffer.from(header.getPreviousHash_asU8()).toString('hex'),
    transactions: envelopes.length,
    validTransactions,
    writes,
  };
}

/** The KV writes of every chaincode action of the transaction in the namespace. */
function namespaceWrites(transaction: peer.Transaction, namespace: string): ledger.rwset.kvrwset.KVWrite[] {
  const writes: ledger.rwset.kvrwset.KVWrite[] = [];
  for (const action of transaction.getActionsList()) {
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const endorsed = required(actionPayload.getAction(), 'chaincode endorsed action');
    const response = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8());
    const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8());
    if (rwset.getDataModel() !== ledger.rwset.TxReadWriteSet.DataModel.KV) continue;
    for (const ns of rwset.getNsRwsetList()) {
      // Private data appears here only as hashes (collection_hashed_rwset); the public KV set
      // is all the read model copies, so no patient identity can reach it.
      if (ns.getNamespace() !== namespace) continue;
      writes.push(...ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8()).getWritesList());
    }
  }
  return writes;
}

/**
 * docType and id of a record key, `\u0000<docType>\u0000<id>\u0000`; undefined for index entries
 * (another docType, or more than one attribute) and simple keys.
 */
export function parseRecordKey(key: string): { docType: string; recordId: string } | undefined {
  if (!key.startsWith('\u0000') || !key.endsWith('\u0000')) return undefined;
  const parts = key.slice(1, -1).split('\u0000');
  if (parts.length !== 2 || !isRecordDocType(parts[0]) || parts[1] === '') return undefined;
  return { docType: parts[0], recordId: parts[1] };
}

function timestampOf(channelHeader: common.ChannelHeader): string {
  const ts = channelHeader.getTimestamp();
  if (!ts) return new Date(0).toISOString();
  return new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1_000_000)).toISOString();
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`malformed block: missing ${what}`);
  return value;
}

/** decodeBlock over a serialised block (qscc GetBlockByNumber, a block file, a test). */
export function decodeBlockBytes(bytes: Uint8Array, namespace: string): DecodedBlock {
  return decodeBlock(common.Block.deserializeBinary(bytes), namespace);
}
