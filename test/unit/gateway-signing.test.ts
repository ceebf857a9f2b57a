import { expect } from 'chai';
import crypto from 'node:crypto';
import { nativeSigner } from '../../gateway-api/src/fabric/signing';

/** r and s of a DER ECDSA signature, checking its structure on the way. */
function derParts(sig: Uint8Array): { r: bigint; s: bigint } {
  const b = Buffer.from(sig);
  expect(b[0]).to.equal(0x30);
  expect(b[1]).to.equal(b.length - 2);
  const int = (at: number): [bigint, number] => {
    expect(b[at]).to.equal(0x02);
    const len = b[at + 1];
    const bytes = b.subarray(at + 2, at + 2 + len);
    // Minimal: no leading zero unless the next byte's top bit needs it; never negative.
    expect(bytes[0] & 0x80).to.equal(0);
    if (bytes[0] === 0 && bytes.length > 1) expect(bytes[1] & 0x80).to.not.equal(0);
    return [BigInt(`0x${bytes.toString('hex')}`), at + 2 + len];
  };
  const [r, next] = int(2);
  const [s, end] = int(next);
  expect(end).to.equal(b.length);
  return { r, s };
}

// The curve orders from SEC 2, independent of the module's table.
const ORDERS = {
  'P-256': BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
  'P-384': BigInt('0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
};

describe('gateway: signing as an enrolled user with native ECDSA', () => {
  for (const [curve, order] of Object.entries(ORDERS)) {
    it(`${curve}: every signature verifies over SHA-256 of the message and has a low S (s ≤ n/2), as Fabric requires`, async () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
      const sign = nativeSigner(privateKey);
      // OpenSSL's s is in the upper half for about every second signature: 64 all low means the signer folds them.
      for (let i = 0; i < 64; i++) {
        const message = crypto.randomBytes(100 + i);
        const signature = await sign(message);
        expect(crypto.verify('sha256', message, publicKey, signature), `signature ${i}`).to.equal(true);
        const { r, s } = derParts(signature);
        expect(r > 0n && r < order).to.equal(true);
        expect(s > 0n && s <= order / 2n, `s of signature ${i}`).to.equal(true);
        expect(crypto.verify('sha256', Buffer.concat([message, Buffer.from([0])]), publicKey, signature)).to.equal(false);
      }
    });
  }

  it('refuses a key that is not on a curve Fabric CA issues (RSA, Ed25519, secp256k1)', () => {
    const keys = [
      crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey,
      crypto.generateKeyPairSync('ed25519').privateKey,
      crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey,
    ];
    for (const key of keys) expect(() => nativeSigner(key)).to.throw(/unsupported signing key/);
  });
});
