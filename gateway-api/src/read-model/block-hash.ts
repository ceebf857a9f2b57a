import crypto from 'node:crypto';

/**
 * The hash Fabric chains blocks with: SHA-256 over the ASN.1 DER encoding of
 * SEQUENCE { INTEGER number, OCTET STRING previousHash, OCTET STRING dataHash }
 * (protoutil.BlockHeaderBytes). The follower checks each block's previousHash against the hash
 * of the last block it stored, so a read model can never splice blocks of two different chains
 * (a database kept across a wiped network) or skip one unnoticed.
 */
export function blockHeaderHash(number: bigint, previousHash: Uint8Array, dataHash: Uint8Array): Buffer {
  const der = tlv(0x30, Buffer.concat([tlv(0x02, derInteger(number)), tlv(0x04, Buffer.from(previousHash)), tlv(0x04, Buffer.from(dataHash))]));
  return crypto.createHash('sha256').update(der).digest();
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Minimal two's-complement big-endian bytes of a non-negative integer, as DER requires. */
function derInteger(value: bigint): Buffer {
  if (value < 0n) throw new Error('block numbers are never negative');
  const bytes: number[] = [];
  for (let n = value; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  if (bytes.length === 0 || (bytes[0] & 0x80) !== 0) bytes.unshift(0);
  return Buffer.from(bytes);
}
