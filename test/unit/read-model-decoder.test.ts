import { common } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import crypto from 'node:crypto';
import { decodeBlockBytes, parseRecordKey } from '../../gateway-api/src/read-model/block-decoder';
import { blockHeaderHash } from '../../gateway-api/src/read-model/block-hash';
import { RECORD_DOC_TYPES } from '../../gateway-api/src/read-model/doc-types';
import { buildBlock, indexKey, recordKey } from '../support/blocks';

const MVCC_READ_CONFLICT = 11;
const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

describe('read model: block decoder', () => {
  const rx = '{"docType":"prescription","items":[{"drugCode":"XC09AA02","quantity":14}],"rxId":"RX-1","status":"ISSUED"}';
  const previousHash = crypto.randomBytes(32);
  const bytes = buildBlock(7, previousHash, [
    {
      txId: 'a'.repeat(64),
      mspId: 'HospitalMSP',
      time: 1_800_000_000,
      writes: [
        { key: recordKey('prescription', 'RX-1'), value: rx },
        { key: indexKey('rx~patient', 'f00d', 'RX-1'), value: new Uint8Array([0]) },
        // Another chaincode's namespace (the lifecycle) is not ours to copy.
        { namespace: '_lifecycle', key: recordKey('prescription', 'RX-other'), value: '{}' },
      ],
    },
    {
      txId: 'b'.repeat(64),
      validationCode: MVCC_READ_CONFLICT,
      writes: [{ key: recordKey('claim', 'CLM-1'), value: '{"claimId":"CLM-1"}' }],
    },
  ]);

  it('yields the valid transaction’s record write only: no index entry, no invalid transaction, no other namespace', () => {
    const block = decodeBlockBytes(bytes, 'rxchain');
    expect(block.number).to.equal(7n);
    expect(block.transactions).to.equal(2);
    expect(block.validTransactions).to.equal(1);
    expect(block.previousHash).to.equal(previousHash.toString('hex'));
    expect(block.hash).to.match(/^[0-9a-f]{64}$/);
    expect(block.writes).to.deep.equal([
      {
        docType: 'prescription',
        recordId: 'RX-1',
        txIndex: 0,
        txId: 'a'.repeat(64),
        txTime: new Date(1_800_000_000_250).toISOString(),
        creatorMsp: 'HospitalMSP',
        isDelete: false,
        valueText: rx,
        sha256: sha256(rx),
      },
    ]);
  });

  it('keeps deletes and the envelope position of each transaction, and skips config envelopes', () => {
    const block = decodeBlockBytes(
      buildBlock(8, crypto.randomBytes(32), [
        { txId: 'c'.repeat(64), config: true, writes: [] },
        { txId: 'd'.repeat(64), writes: [{ key: recordKey('probe', 'P-1') }] },
      ]),
      'rxchain',
    );
    expect(block.validTransactions).to.equal(1);
    expect(block.writes).to.have.length(1);
    expect(block.writes[0]).to.include({ docType: 'probe', recordId: 'P-1', txIndex: 1, isDelete: true });
    expect(block.writes[0].valueText).to.equal(undefined);
    expect(block.writes[0].sha256).to.equal(undefined);
  });

  it('hashes a header as Fabric does: SHA-256 of DER SEQUENCE { INTEGER number, OCTET STRING previous, OCTET STRING data }', () => {
    const previous = Buffer.alloc(32, 1);
    const data = Buffer.alloc(32, 2);
    // 128 needs a leading zero byte to stay a positive INTEGER: 02 02 00 80.
    const der = Buffer.concat([Buffer.from([0x30, 0x48, 0x02, 0x02, 0x00, 0x80, 0x04, 0x20]), previous, Buffer.from([0x04, 0x20]), data]);
    expect(blockHeaderHash(128n, previous, data).toString('hex')).to.equal(crypto.createHash('sha256').update(der).digest('hex'));
    // The genesis block has an empty previous hash: 04 00.
    const genesis = Buffer.concat([Buffer.from([0x30, 0x27, 0x02, 0x01, 0x00, 0x04, 0x00, 0x04, 0x20]), data]);
    expect(blockHeaderHash(0n, new Uint8Array(), data).toString('hex')).to.equal(crypto.createHash('sha256').update(genesis).digest('hex'));
  });

  it('refuses a block whose TRANSACTIONS_FILTER does not cover every transaction', () => {
    const good = decodeBlockBytes(bytes, 'rxchain');
    expect(good.transactions).to.equal(2);
    // Same block with the metadata entry cut to one code.
    const block = common.Block.deserializeBinary(bytes);
    const metadata = block.getMetadata() as common.BlockMetadata;
    const list = metadata.getMetadataList_asU8();
    list[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = Uint8Array.from([0]);
    metadata.setMetadataList(list);
    expect(() => decodeBlockBytes(block.serializeBinary(), 'rxchain')).to.throw(/TRANSACTIONS_FILTER has 1 codes for 2/);
  });

  describe('record keys', () => {
    it('accepts every record docType with one id', () => {
      for (const docType of RECORD_DOC_TYPES) expect(parseRecordKey(recordKey(docType, 'X-1'))).to.deep.equal({ docType, recordId: 'X-1' });
    });
    it('rejects index entries, unknown docTypes and simple keys', () => {
      expect(parseRecordKey(indexKey('claim~ref', 'DSP-1', 'CLM-1'))).to.equal(undefined);
      expect(parseRecordKey(indexKey('prescription', 'a', 'b'))).to.equal(undefined);
      expect(parseRecordKey(recordKey('rx~status', 'ISSUED'))).to.equal(undefined);
      expect(parseRecordKey('prescription')).to.equal(undefined);
      expect(parseRecordKey(recordKey('prescription', ''))).to.equal(undefined);
    });
  });
});
