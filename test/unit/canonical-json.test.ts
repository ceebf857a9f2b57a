import { expect } from 'chai';
import { canonicalJson } from '../../chaincode/src/ledger/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth so equal records serialise to equal bytes', () => {
    const a = canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } });
    const b = canonicalJson({ a: { c: 'x', d: [{ y: 2, z: 1 }] }, b: 1 });
    expect(a).to.equal(b);
    expect(a).to.equal('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined fields', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).to.equal('{"b":2}');
  });

  it('refuses fractional and unsafe numbers: money is integer fen', () => {
    expect(() => canonicalJson({ amount: 10.5 })).to.throw(/\$\.amount is 10\.5/);
    expect(() => canonicalJson({ n: Number.MAX_SAFE_INTEGER + 1 })).to.throw(/integers only/);
    expect(() => canonicalJson({ n: NaN })).to.throw();
  });
});
