import { expect } from 'chai';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import type { Actor, Stamp } from '../../chaincode/src/model/audit';
import type { InstitutionRecord } from '../../chaincode/src/model/institution';
import { agreementRefusal, changedFields, checkAgreementTerm, checkKindLevel, registeredInstitution, updatedInstitution } from '../../chaincode/src/rules/designation';
import { revokedInstitution, sanctionerRefusal, suspendedInstitution } from '../../chaincode/src/rules/sanctions';

/** The code and reason of a refusal, thrown or returned. */
function refusalOf(outcome: ChaincodeError | undefined | (() => unknown)): string | undefined {
  let error: ChaincodeError | undefined;
  if (typeof outcome === 'function') {
    try {
      outcome();
    } catch (err) {
      if (!(err instanceof ChaincodeError)) throw err;
      error = err;
    }
  } else {
    error = outcome;
  }
  return error && `${error.code}: ${error.reason}`;
}

const insurer: Actor = { mspId: 'InsurerSHMSP', id: 'x509::insurer-sh', role: 'insurer', region: '310000' };
const stamp: Stamp = { by: insurer, at: '2026-03-02T02:00:00.000Z', txId: 'tx1' };
const later: Stamp = { ...stamp, at: '2026-04-01T02:00:00.000Z', txId: 'tx2' };
const TODAY = '2026-03-02';

const registration = {
  institutionId: 'P310001',
  name: 'Shanghai Hengsheng Pharmacy (demo)',
  kind: 'pharmacy' as const,
  level: 'basic' as const,
  region: '310000',
  grade: 'A' as const,
  agreement: { number: '沪医保协〔2024〕P001号', validFrom: '2024-01-01', validTo: '2026-12-31' },
};
const pharmacy = (): InstitutionRecord => registeredInstitution(registration, TODAY, stamp);
const basis = { ruleId: 'RX-12', reason: 'health supplements charged to the insurance card', evidenceRef: 'CASE-2026-017' };

describe('designation: kinds and levels', () => {
  it('lets a hospital have any level, and a community clinic or pharmacy only basic', () => {
    for (const level of ['basic', 'secondary', 'tertiary'] as const) expect(() => checkKindLevel('hospital', level)).not.to.throw();
    expect(() => checkKindLevel('communityClinic', 'basic')).not.to.throw();
    expect(() => checkKindLevel('pharmacy', 'basic')).not.to.throw();
    expect(refusalOf(() => checkKindLevel('communityClinic', 'secondary'))).to.equal('VALIDATION: level: must be basic for a communityClinic, not secondary');
    expect(refusalOf(() => checkKindLevel('pharmacy', 'tertiary'))).to.equal('VALIDATION: level: must be basic for a pharmacy, not tertiary');
  });

  it('takes an agreement term of one day, refuses one that runs backwards or has already ended', () => {
    expect(() => checkAgreementTerm({ number: 'N', validFrom: TODAY, validTo: TODAY }, TODAY)).not.to.throw();
    // Signed before the chain went live and still running: fine.
    expect(() => checkAgreementTerm({ number: 'N', validFrom: '2020-01-01', validTo: TODAY }, TODAY)).not.to.throw();
    // Signed now, starting later: fine too.
    expect(() => checkAgreementTerm({ number: 'N', validFrom: '2026-07-01', validTo: '2027-06-30' }, TODAY)).not.to.throw();
    expect(refusalOf(() => checkAgreementTerm({ number: 'N', validFrom: '2026-03-03', validTo: TODAY }, TODAY))).to.equal(
      'VALIDATION: agreement.validTo: must not be before agreement.validFrom (2026-03-03)',
    );
    expect(refusalOf(() => checkAgreementTerm({ number: 'N', validFrom: '2025-01-01', validTo: '2026-03-01' }, TODAY))).to.equal(
      'VALIDATION: agreement.validTo: must not be in the past (today is 2026-03-02 in China)',
    );
  });
});

describe('designation: when an institution may act', () => {
  const term = { ...pharmacy(), agreement: { number: 'N', validFrom: '2026-03-01', validTo: '2026-03-31', status: 'ACTIVE' as const } };

  it('acts from the first to the last day of its agreement, both inclusive', () => {
    expect(agreementRefusal(term, '2026-02-28')).to.equal('CR-10: the designation agreement of P310001 starts on 2026-03-01');
    expect(agreementRefusal(term, '2026-03-01')).to.equal(undefined);
    expect(agreementRefusal(term, '2026-03-31')).to.equal(undefined);
    expect(agreementRefusal(term, '2026-04-01')).to.equal('CR-10: the designation agreement of P310001 ended on 2026-03-31');
  });

  it('is suspended through suspendedUntil inclusive, naming the rule and reason, and may act the next day', () => {
    const suspended = suspendedInstitution(term, '2026-03-15', basis, '2026-03-02', later);
    expect(agreementRefusal(suspended, '2026-03-15')).to.equal(
      'CR-10: the designation agreement of P310001 is suspended until 2026-03-15 inclusive (RX-12: health supplements charged to the insurance card)',
    );
    expect(agreementRefusal(suspended, '2026-03-16')).to.equal(undefined);
    // A lapsed suspension does not extend the agreement.
    expect(agreementRefusal(suspended, '2026-04-01')).to.match(/ended on 2026-03-31/);
  });

  it('is refused for good once revoked, naming CR-10 and the sanction’s grounds', () => {
    expect(agreementRefusal(revokedInstitution(term, basis, later), '2026-03-10')).to.equal(
      'CR-10: the designation agreement of P310001 is revoked (RX-12: health supplements charged to the insurance card)',
    );
  });
});

describe('designation: registration and renewal', () => {
  it('registers an ACTIVE agreement without sanctions, checking the kind’s level and the term', () => {
    expect(pharmacy()).to.deep.equal({
      docType: 'institution',
      ...registration,
      agreement: { ...registration.agreement, status: 'ACTIVE' },
      sanctions: [],
      registered: stamp,
      updated: stamp,
    });
    expect(refusalOf(() => registeredInstitution({ ...registration, level: 'secondary' }, TODAY, stamp))).to.match(/^VALIDATION: level: /);
    expect(refusalOf(() => registeredInstitution({ ...registration, agreement: { ...registration.agreement, validTo: '2025-12-31' } }, TODAY, stamp))).to.match(
      /^VALIDATION: agreement\.validTo: must not be in the past/,
    );
  });

  it('renews the agreement’s number and term but keeps its status, and changes name, level and grade', () => {
    const hospital = registeredInstitution({ ...registration, institutionId: 'H310003', kind: 'hospital', level: 'secondary' }, TODAY, stamp);
    const regraded = updatedInstitution(hospital, { level: 'tertiary', grade: 'C' }, TODAY, later);
    expect(regraded).to.include({ level: 'tertiary', grade: 'C', name: hospital.name });
    expect(regraded.updated).to.equal(later);
    expect(regraded.registered).to.equal(stamp);

    const suspended = suspendedInstitution(pharmacy(), '2026-06-01', basis, TODAY, later);
    const renewal = { number: '沪医保协〔2026〕P001号', validFrom: '2027-01-01', validTo: '2028-12-31' };
    const renewed = updatedInstitution(suspended, { agreement: renewal }, TODAY, later);
    expect(renewed.agreement).to.deep.equal({ ...renewal, status: 'SUSPENDED', suspendedUntil: '2026-06-01' });
    expect(changedFields({ agreement: renewal, name: 'x' })).to.deep.equal(['name', 'agreement']);
  });

  it('refuses an update that changes nothing, breaks the kind’s level, or touches a revoked institution', () => {
    expect(refusalOf(() => updatedInstitution(pharmacy(), {}, TODAY, later))).to.equal('VALIDATION: args: must change at least one of name, level, grade or agreement');
    expect(refusalOf(() => updatedInstitution(pharmacy(), { level: 'secondary' }, TODAY, later))).to.match(/^VALIDATION: level: must be basic for a pharmacy/);
    expect(refusalOf(() => updatedInstitution(pharmacy(), { agreement: { number: 'N', validFrom: '2025-01-01', validTo: '2026-03-01' } }, TODAY, later))).to.match(
      /^VALIDATION: agreement\.validTo: must not be in the past/,
    );
    expect(refusalOf(() => updatedInstitution(revokedInstitution(pharmacy(), basis, later), { name: 'New name' }, TODAY, later))).to.match(/^CONFLICT: .*revoked/);
  });
});

describe('sanctions', () => {
  it('are imposed by the insurer of the institution’s region or an investigator only', () => {
    expect(sanctionerRefusal(insurer, pharmacy())).to.equal(undefined);
    expect(sanctionerRefusal({ mspId: 'RegulatorMSP', id: 'x509::inv', role: 'investigator', region: '100000' }, pharmacy())).to.equal(undefined);
    expect(refusalOf(sanctionerRefusal({ ...insurer, mspId: 'InsurerBJMSP', region: '110000' }, pharmacy()))).to.equal(
      "FORBIDDEN: only the insurer of region 310000 or the regulator's investigators sanction P310001",
    );
    expect(refusalOf(sanctionerRefusal({ mspId: 'RegulatorMSP', id: 'x509::adm', role: 'admin' }, pharmacy()))).to.match(/^FORBIDDEN: /);
  });

  it('suspend through a date no earlier than today, recording the sanction; a later one extends it, an earlier one is a conflict', () => {
    const today = suspendedInstitution(pharmacy(), TODAY, basis, TODAY, later);
    expect(today.agreement).to.include({ status: 'SUSPENDED', suspendedUntil: TODAY });
    expect(today.sanctions).to.deep.equal([{ action: 'SUSPEND', ...basis, until: TODAY, recorded: later }]);
    expect(refusalOf(() => suspendedInstitution(pharmacy(), '2026-03-01', basis, TODAY, later))).to.equal('VALIDATION: until: must not be in the past (today is 2026-03-02 in China)');

    const threeMonths = suspendedInstitution(pharmacy(), '2026-06-01', basis, TODAY, later);
    expect(refusalOf(() => suspendedInstitution(threeMonths, '2026-06-01', basis, TODAY, later))).to.equal(
      'CONFLICT: the designation agreement of P310001 is already suspended until 2026-06-01 inclusive',
    );
    const extended = suspendedInstitution(threeMonths, '2026-06-02', basis, TODAY, later);
    expect(extended.agreement.suspendedUntil).to.equal('2026-06-02');
    expect(extended.sanctions.map((s) => s.until)).to.deep.equal(['2026-06-01', '2026-06-02']);
    // Once a suspension has lapsed, a new one may be shorter than the old.
    expect(suspendedInstitution(threeMonths, '2026-06-10', basis, '2026-06-05', later).agreement.suspendedUntil).to.equal('2026-06-10');
  });

  it('revoke once and for good: a suspension ends in it, a second revocation is a conflict', () => {
    const revoked = revokedInstitution(suspendedInstitution(pharmacy(), '2026-06-01', basis, TODAY, later), basis, later);
    expect(revoked.agreement).to.deep.equal({ ...registration.agreement, status: 'REVOKED' });
    expect(revoked.sanctions.map((s) => s.action)).to.deep.equal(['SUSPEND', 'REVOKE']);
    expect(refusalOf(() => revokedInstitution(revoked, basis, later))).to.equal('CONFLICT: the designation agreement of P310001 is already revoked');
    expect(refusalOf(() => suspendedInstitution(revoked, '2026-06-01', basis, TODAY, later))).to.equal('CONFLICT: the designation agreement of P310001 is already revoked');
  });
});
