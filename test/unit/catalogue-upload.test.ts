/** The upload rules of a catalogue version at their boundaries: capacity, completeness, substitutes, uploader. */
import { expect } from 'chai';
import type { Actor, Stamp } from '../../chaincode/src/model/audit';
import { catalogueDrugsOf } from '../../chaincode/src/rules/catalogue-entries';
import { alreadyListedRefusal, capacityRefusal, openedVersion, sealedVersion, sealRefusal, uploadRefusal, withDrugs } from '../../chaincode/src/rules/catalogue-upload';
import { drugs, limits } from '../support/rx-fixtures';

const insurer = (mspId: 'InsurerSHMSP' | 'InsurerBJMSP'): Actor => ({ mspId, id: `x509::/CN=${mspId}`, role: 'insurer' });
const stamp: Stamp = { by: insurer('InsurerSHMSP'), at: '2026-03-01T08:00:00.000Z', txId: 'tx1' };
const version = (drugCount: number, drugsAdded = 0) => ({ ...openedVersion({ versionId: 'V1', effectiveFrom: '2026-04-01', limits, drugCount }, stamp), drugsAdded });
const listed = (n: number, substitutes: string[] = []) => Array.from({ length: n }, (_, i) => ({ drugCode: `D${i}`, substitutes }));

describe('catalogue upload rules', () => {
  it('opens empty and OPEN, with no drug counted in any class', () => {
    expect(version(5)).to.deep.include({ status: 'OPEN', drugCount: 5, drugsAdded: 0, byClass: { A: 0, B: 0, C: 0, NONE: 0 }, opened: stamp, updated: stamp });
  });

  it('takes a batch that fills the version exactly, and refuses one drug more (CONFLICT)', () => {
    expect(capacityRefusal(version(200, 195), 5)).to.equal(undefined);
    expect(capacityRefusal(version(200, 195), 6)?.message).to.match(/^\[CONFLICT\] catalogue version V1 was opened for 200 drugs; it lists 195 and this batch of 6 would make 201$/);
  });

  it('lets only the opening organisation change an open version', () => {
    expect(uploadRefusal(version(5), insurer('InsurerSHMSP'))).to.equal(undefined);
    expect(uploadRefusal(version(5), insurer('InsurerBJMSP'))?.code).to.equal('FORBIDDEN');
    expect(uploadRefusal(sealedVersion(version(5), stamp), insurer('InsurerSHMSP'))?.code).to.equal('CONFLICT');
  });

  it('refuses a batch naming drugs already listed, naming them all', () => {
    expect(alreadyListedRefusal('V1', [])).to.equal(undefined);
    expect(alreadyListedRefusal('V1', ['A', 'B'])?.message).to.equal('[CONFLICT] catalogue version V1 already lists A, B');
  });

  it('counts added drugs per class without touching the version it was given', () => {
    const before = version(5);
    const after = withDrugs(before, catalogueDrugsOf('V1', drugs), stamp);
    expect(after).to.deep.include({ drugsAdded: 5, byClass: { A: 1, B: 3, C: 0, NONE: 1 } });
    expect(before.byClass).to.deep.equal({ A: 0, B: 0, C: 0, NONE: 0 });
  });

  it('seals a version with every drug in and every substitute inside it, and nothing short of that', () => {
    expect(sealRefusal(version(3), [{ drugCode: 'A', substitutes: ['B'] }, { drugCode: 'B', substitutes: ['A', 'C'] }, { drugCode: 'C', substitutes: [] }])).to.equal(undefined);
    expect(sealRefusal(version(3), listed(2))?.message).to.match(/^\[CONFLICT\] catalogue version V1 lists 2 of its 3 drugs/);
    expect(sealRefusal(version(3), listed(4))?.code, 'more than declared cannot happen through AddDrugs, and is refused all the same').to.equal('CONFLICT');
  });

  it('names up to five substitutes outside the version and counts the rest', () => {
    const refusal = sealRefusal(version(7), listed(7, ['GONE']));
    expect(refusal?.code).to.equal('RULE');
    expect(refusal?.message).to.match(/does not list GONE \(substitute of D0\), .*GONE \(substitute of D4\) and 2 more$/);
  });

  it('stamps the seal', () => {
    const sealed = sealedVersion(version(5), { ...stamp, txId: 'tx9' });
    expect(sealed).to.deep.include({ status: 'SEALED', sealed: { ...stamp, txId: 'tx9' }, updated: { ...stamp, txId: 'tx9' } });
  });
});
