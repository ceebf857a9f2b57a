/**
 * How the gateway signs as an enrolled user: ECDSA with Node's native crypto (OpenSSL), about
 * 30 µs a signature, where fabric-gateway's own private-key signer computes it in JavaScript
 * (@noble/curves), about 400 µs: a third of the gateway's CPU per read before this.
 */
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { hash, type ConnectOptions, type Signer } from '@hyperledger/fabric-gateway';
import type { UserRecord } from './identities';

/** Orders of the curves Fabric CA issues keys on (OpenSSL names). */
const CURVE_ORDERS: Record<string, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

/** A DER INTEGER of a non-negative number: big-endian, minimal, a leading zero when the top bit is set. */
function derInteger(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/**
 * Signs the whole message (SHA-256 inside OpenSSL, so it goes with `hash.none`) and answers the
 * DER signature Fabric accepts: with s in the lower half of the curve order ("low-S"), as peers
 * and orderers refuse the other half.
 */
export function nativeSigner(key: KeyObject): Signer {
  const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
  const order = CURVE_ORDERS[curve];
  if (key.asymmetricKeyType !== 'ec' || order === undefined) throw new Error(`unsupported signing key: ${key.asymmetricKeyType} ${curve}`);
  return async (message) => {
    const raw = crypto.sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' });
    const half = raw.length / 2;
    const r = BigInt(`0x${raw.subarray(0, half).toString('hex')}`);
    const s = BigInt(`0x${raw.subarray(half).toString('hex')}`);
    const body = Buffer.concat([derInteger(r), derInteger(s > order / 2n ? order - s : s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  };
}

/** The connect options that make a fabric-gateway connection act as the user: certificate and signer. */
export function signingAs(user: Pick<UserRecord, 'mspId' | 'certPath' | 'keyPath'>): Pick<ConnectOptions, 'identity' | 'signer' | 'hash'> {
  return {
    identity: { mspId: user.mspId, credentials: fs.readFileSync(user.certPath) },
    signer: nativeSigner(crypto.createPrivateKey(fs.readFileSync(user.keyPath))),
    hash: hash.none,
  };
}
