import { expect } from 'chai';
import { ClaimContract } from '../../chaincode/src/contracts/claim-contract';
import { InsuredPersonContract } from '../../chaincode/src/contracts/insured-person-contract';
import { ProbeContract } from '../../chaincode/src/contracts/probe-contract';
import type { MembershipRecord } from '../../chaincode/src/model/membership';
import { applyChange, changeOf, foundingMembers } from '../../chaincode/src/rules/membership-members';
import { approvalRefusal, isAdopted, majorityOf, proposed } from '../../chaincode/src/rules/membership-votes';
import { memberships, membershipProposals } from '../../chaincode/src/stores/membership';
import { type FakeIdentity, FakeLedger, identities } from '../support/fake-ledger';
import { DEFAULT_MEMBERS, adminOf, approve, foundMembership, memberLedger, membershipcc, propose } from '../support/membership-fixtures';
import { expectCode } from '../support/rx-fixtures';

const [HOSPITAL, PHARMACY, INSURER_SH, INSURER_BJ, REGULATOR] = DEFAULT_MEMBERS.map((m) => adminOf(m.mspId));
const membershipOn = (ledger: FakeLedger, who: FakeIdentity = REGULATOR): Promise<MembershipRecord> => ledger.tx(who, (ctx) => membershipcc.Get(ctx, '{}'));
const probe = (ledger: FakeLedger, who: FakeIdentity) => ledger.tx(who, (ctx) => new ProbeContract().Write(ctx, JSON.stringify({ id: `p-${who.cn}`, note: 'n' })));
const guangdong = { change: 'addMember', mspId: 'InsurerGDMSP', memberKind: 'insurer', region: '440000', roles: ['admin', 'insurer'] };
const GD_ADMIN = adminOf('InsurerGDMSP');

describe('Membership: founding', () => {
  it('founds the member set once a strict majority of the listed founders’ admins approved, and never again', async () => {
    const ledger = new FakeLedger();
    await expectCode(probe(ledger, INSURER_SH), 'FORBIDDEN', /membership has not been founded yet/);
    await expectCode(membershipOn(ledger), 'FORBIDDEN', /not been founded/);
    const opened = await propose(ledger, HOSPITAL, { proposalId: 'FOUNDING', change: 'found', members: DEFAULT_MEMBERS });
    expect(opened).to.include({ status: 'OPEN', approvalsNeeded: 3, approvalsCounting: 1 });
    expect(opened.electorate).to.deep.equal(['HospitalMSP', 'InsurerBJMSP', 'InsurerSHMSP', 'PharmacyMSP', 'RegulatorMSP']);
    expect(ledger.lastEvent?.name).to.equal('MembershipProposed');
    expect((await approve(ledger, PHARMACY, 'FOUNDING')).status).to.equal('OPEN');
    await expectCode(probe(ledger, INSURER_SH), 'FORBIDDEN', /not been founded/);
    const adopted = await approve(ledger, INSURER_SH, 'FOUNDING');
    expect(adopted).to.include({ status: 'ADOPTED', adoptedVersion: 1 });
    expect(ledger.lastEvent).to.deep.include({ name: 'MembershipChanged' });
    const membership = await membershipOn(ledger);
    expect(membership).to.include({ version: 1, proposalId: 'FOUNDING' });
    expect(membership.members.map((m) => m.mspId)).to.deep.equal(['HospitalMSP', 'InsurerBJMSP', 'InsurerSHMSP', 'PharmacyMSP', 'RegulatorMSP']);
    await probe(ledger, INSURER_SH);

    // Bootstrap once: no second founding, by proposal or by a late approval.
    await expectCode(propose(ledger, REGULATOR, { proposalId: 'FOUNDING-2', change: 'found', members: DEFAULT_MEMBERS }), 'CONFLICT', /already founded/);
    await expectCode(approve(ledger, INSURER_BJ, 'FOUNDING'), 'CONFLICT', /FOUNDING is ADOPTED already/);
  });

  it('lets only an admin of a listed founder propose or approve the founding, of at least three founders', async () => {
    const ledger = new FakeLedger();
    const outsider = adminOf('RogueMSP');
    await expectCode(propose(ledger, outsider, { proposalId: 'F', change: 'found', members: DEFAULT_MEMBERS }), 'FORBIDDEN', /RogueMSP is not a member/);
    await expectCode(propose(ledger, identities.doctor, { proposalId: 'F', change: 'found', members: DEFAULT_MEMBERS }), 'FORBIDDEN', /doctor may not call Membership:Propose/);
    await expectCode(propose(ledger, HOSPITAL, { proposalId: 'F', change: 'found', members: DEFAULT_MEMBERS.slice(0, 2) }), 'VALIDATION', /members: must be a list of 3 to 64 entries/);
    await expectCode(propose(ledger, HOSPITAL, { proposalId: 'F', change: 'addMember', mspId: 'X', memberKind: 'hospital', roles: ['admin'] }), 'CONFLICT', /first proposal must be change found/);
    await propose(ledger, HOSPITAL, { proposalId: 'F', change: 'found', members: DEFAULT_MEMBERS });
    await expectCode(approve(ledger, outsider, 'F'), 'FORBIDDEN', /RogueMSP is not a member/);
    await expectCode(approve(ledger, HOSPITAL, 'F'), 'CONFLICT', /HospitalMSP has already approved membership proposal F/);
  });

  it('refuses an inconsistent founding set field by field', async () => {
    const ledger = new FakeLedger();
    const found = (members: unknown[]) => propose(ledger, HOSPITAL, { proposalId: 'F', change: 'found', members });
    const [h, p, sh] = DEFAULT_MEMBERS;
    await expectCode(found([h, p, { ...sh, region: undefined }]), 'VALIDATION', /^\[VALIDATION\] members\[2\]\.region: is required for an insurer/);
    await expectCode(found([{ ...h, region: '310000' }, p, sh]), 'VALIDATION', /members\[0\]\.region: is for insurers only/);
    await expectCode(found([{ ...h, roles: ['admin', 'doctor', 'insurer'] }, p, sh]), 'VALIDATION', /members\[0\]\.roles: must be roles a hospital may issue \(admin, doctor\); insurer is not/);
    await expectCode(found([{ ...h, roles: ['doctor'] }, p, sh]), 'VALIDATION', /members\[0\]\.roles: must include admin/);
    await expectCode(found([h, p, sh, { ...sh, mspId: 'InsurerSH2MSP' }]), 'CONFLICT', /region 310000 already has an insurer, InsurerSHMSP/);
    await expectCode(found([h, p, h]), 'CONFLICT', /HospitalMSP is already a member/);
  });
});

describe('Membership: changes by a strict majority of the current members', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await memberLedger();
  });

  it('adopts a change with 3 of 5 approvals, not 2; then needs 4 of 6', async () => {
    const opened = await propose(ledger, INSURER_SH, { proposalId: 'GD', ...guangdong });
    expect(opened).to.include({ status: 'OPEN', approvalsNeeded: 3, approvalsCounting: 1 });
    const two = await approve(ledger, HOSPITAL, 'GD');
    expect(two).to.include({ status: 'OPEN', approvalsCounting: 2 });
    expect(ledger.lastEvent).to.deep.equal({ name: 'MembershipApproved', payload: { proposalId: 'GD', by: 'HospitalMSP', approvalsCounting: 2, approvalsNeeded: 3, txId: two.approvals[1].txId } });
    expect((await membershipOn(ledger)).members).to.have.length(5);
    await expectCode(probe(ledger, GD_ADMIN), 'FORBIDDEN', /InsurerGDMSP is not a member/);
    const three = await approve(ledger, REGULATOR, 'GD');
    expect(three).to.include({ status: 'ADOPTED', adoptedVersion: 2 });
    const membership = await membershipOn(ledger);
    expect(membership).to.include({ version: 2, proposalId: 'GD' });
    expect(membership.members.find((m) => m.mspId === 'InsurerGDMSP')).to.deep.equal({ mspId: 'InsurerGDMSP', kind: 'insurer', region: '440000', roles: ['admin', 'insurer'] });
    await probe(ledger, GD_ADMIN);

    // Six members now: a majority is four.
    const next = await propose(ledger, GD_ADMIN, { proposalId: 'ROLES', change: 'setRoles', mspId: 'RegulatorMSP', roles: ['admin'] });
    expect(next).to.include({ approvalsNeeded: 4 });
    await approve(ledger, HOSPITAL, 'ROLES');
    expect((await approve(ledger, PHARMACY, 'ROLES')).status).to.equal('OPEN');
    expect((await approve(ledger, INSURER_BJ, 'ROLES')).status).to.equal('ADOPTED');
  });

  it('refuses a non-member’s approval (403) and a second approval by the same org (409); records who approved when', async () => {
    await propose(ledger, INSURER_SH, { proposalId: 'GD', ...guangdong });
    await expectCode(approve(ledger, GD_ADMIN, 'GD'), 'FORBIDDEN', /InsurerGDMSP is not a member of the channel's membership/);
    await expectCode(approve(ledger, identities.insurerSH, 'GD'), 'FORBIDDEN', /insurer may not call Membership:Approve/);
    await expectCode(approve(ledger, INSURER_SH, 'GD'), 'CONFLICT', /InsurerSHMSP has already approved/);
    await approve(ledger, HOSPITAL, 'GD');
    await expectCode(approve(ledger, { ...HOSPITAL, cn: 'another-hospital-admin' }, 'GD'), 'CONFLICT', /HospitalMSP has already approved/);
    await expectCode(approve(ledger, HOSPITAL, 'NOPE'), 'NOT_FOUND', /membershipProposal NOPE does not exist/);
    const view = await ledger.tx(identities.investigator, (ctx) => membershipcc.GetProposal(ctx, JSON.stringify({ proposalId: 'GD' })));
    expect(view.approvals.map((a) => [a.by.mspId, a.txId])).to.deep.equal([['InsurerSHMSP', view.proposed.txId], ['HospitalMSP', view.approvals[1].txId]]);
    const history = await ledger.tx(REGULATOR, (ctx) => membershipProposals.history(ctx, 'GD'));
    expect(history.map((h) => h.value?.approvals.length)).to.deep.equal([2, 1]);
  });

  it('refuses proposals that cannot apply now, naming the member or region', async () => {
    await expectCode(propose(ledger, HOSPITAL, { proposalId: 'P1', change: 'addMember', mspId: 'InsurerBJMSP', memberKind: 'insurer', region: '440000', roles: ['admin', 'insurer'] }), 'CONFLICT', /InsurerBJMSP is already a member/);
    await expectCode(propose(ledger, HOSPITAL, { proposalId: 'P1', ...guangdong, region: '110000' }), 'CONFLICT', /region 110000 already has an insurer, InsurerBJMSP/);
    await expectCode(propose(ledger, HOSPITAL, { proposalId: 'P1', change: 'setInsurerRegion', mspId: 'PharmacyMSP', region: '440000' }), 'CONFLICT', /PharmacyMSP is a pharmacy, not an insurer/);
    await expectCode(propose(ledger, HOSPITAL, { proposalId: 'P1', change: 'removeMember', mspId: 'NopeMSP' }), 'NOT_FOUND', /NopeMSP is not a member/);
    await expectCode(propose(ledger, HOSPITAL, { proposalId: 'P1', change: 'setInsurerRegion', mspId: 'InsurerBJMSP' }), 'VALIDATION', /^\[VALIDATION\] region: is required to setInsurerRegion$/);
    await expectCode(propose(ledger, HOSPITAL, { proposalId: 'P1', change: 'removeMember', mspId: 'InsurerBJMSP', region: '110000' }), 'VALIDATION', /region: is not a field of removeMember/);
    await propose(ledger, HOSPITAL, { proposalId: 'P1', change: 'removeMember', mspId: 'InsurerBJMSP' });
    await expectCode(propose(ledger, PHARMACY, { proposalId: 'P1', change: 'removeMember', mspId: 'RegulatorMSP' }), 'CONFLICT', /membership proposal P1 already exists/);
  });

  it('moves an insurer to another region: certificates of the old region are refused, the new one’s believed', async () => {
    const enrolAs = (who: FakeIdentity) =>
      ledger.tx(who, (ctx) => new InsuredPersonContract().Get(ctx, JSON.stringify({ patientRef: 'a'.repeat(64) })));
    await expectCode(enrolAs(identities.insurerBJ), 'NOT_FOUND');
    await propose(ledger, INSURER_BJ, { proposalId: 'MOVE', change: 'setInsurerRegion', mspId: 'InsurerBJMSP', region: '440000' });
    await approve(ledger, HOSPITAL, 'MOVE');
    await approve(ledger, PHARMACY, 'MOVE');
    await expectCode(enrolAs(identities.insurerBJ), 'FORBIDDEN', /insurer certificate region 110000 does not match InsurerBJMSP \(440000\)/);
    await expectCode(enrolAs({ ...identities.insurerBJ, attrs: { ...identities.insurerBJ.attrs, region: '440000' } }), 'NOT_FOUND');
  });

  it('believes a role only from an org the ledger lets issue it', async () => {
    const listClaims = (who: FakeIdentity) => ledger.tx(who, (ctx) => new ClaimContract().ListByRegion(ctx, JSON.stringify({ region: '310000' })));
    expect((await listClaims(identities.investigator)).records).to.deep.equal([]);
    await propose(ledger, HOSPITAL, { proposalId: 'NOINV', change: 'setRoles', mspId: 'RegulatorMSP', roles: ['admin'] });
    await approve(ledger, PHARMACY, 'NOINV');
    await approve(ledger, INSURER_SH, 'NOINV');
    await expectCode(listClaims(identities.investigator), 'FORBIDDEN', /role investigator is not valid for members of RegulatorMSP/);
    await expectCode(probe(ledger, { mspId: 'PharmacyMSP', cn: 'rogue', attrs: { role: 'insurer', region: '310000' } }), 'FORBIDDEN', /role insurer is not valid for members of PharmacyMSP/);
  });

  it('removes a member: its admins no longer vote, its approvals lapse, and at least three members remain', async () => {
    await propose(ledger, INSURER_BJ, { proposalId: 'GD', ...guangdong });
    await propose(ledger, HOSPITAL, { proposalId: 'RM', change: 'removeMember', mspId: 'InsurerBJMSP' });
    await approve(ledger, PHARMACY, 'RM');
    await approve(ledger, REGULATOR, 'RM');
    expect((await membershipOn(ledger)).members.map((m) => m.mspId)).to.not.include('InsurerBJMSP');
    await expectCode(probe(ledger, INSURER_BJ), 'FORBIDDEN', /InsurerBJMSP is not a member/);
    // GD had InsurerBJ's approval; of the four members now, it counts none of it: two more are needed, not one.
    expect((await approve(ledger, HOSPITAL, 'GD'))).to.include({ status: 'OPEN', approvalsCounting: 1, approvalsNeeded: 3 });
    expect(applyChange.bind(undefined, DEFAULT_MEMBERS.slice(0, 3), { kind: 'removeMember', mspId: 'HospitalMSP' })).to.throw(/needs at least 3 members; this change would leave 2/);
  });

  it('reads the one membership record once per transaction, whatever the transaction checks', async () => {
    let reads = 0;
    const key = await ledger.tx(REGULATOR, async (ctx) => memberships.key(ctx, 'channel'));
    const get = ledger.state.get.bind(ledger.state);
    ledger.state.get = (k: string) => {
      if (k === key) reads += 1;
      return get(k);
    };
    await ledger.tx(identities.insurerSH, (ctx) => new ClaimContract().ListByRegion(ctx, JSON.stringify({ region: '310000' })));
    expect(reads).to.equal(1);
    reads = 0;
    await propose(ledger, HOSPITAL, { proposalId: 'GD', ...guangdong });
    await approve(ledger, PHARMACY, 'GD');
    expect(reads).to.equal(2);
  });
});

describe('membership rules', () => {
  const stamp = (mspId: string) => ({ by: { mspId, id: `x509::${mspId}`, role: 'admin' as const }, at: '2026-03-01T08:00:00.000Z', txId: `tx-${mspId}` });

  it('needs more than half: 2 of 3, 3 of 4, 3 of 5, 4 of 6, 16 of 31', () => {
    expect([3, 4, 5, 6, 31].map((n) => majorityOf(Array.from({ length: n }, (_, i) => `M${i}`)))).to.deep.equal([2, 3, 3, 4, 16]);
  });

  it('counts only approvals of orgs that are members now', () => {
    const proposal = { ...proposed('P', { kind: 'removeMember', mspId: 'A' }, stamp('A')), approvals: [stamp('A'), stamp('B'), stamp('C')] };
    expect(isAdopted(proposal, ['A', 'B', 'C', 'D', 'E'])).to.equal(true);
    expect(isAdopted(proposal, ['B', 'C', 'D', 'E', 'F'])).to.equal(false);
    expect(approvalRefusal(proposal, 'B')?.message).to.match(/B has already approved/);
    expect(approvalRefusal(proposal, 'D')).to.equal(undefined);
  });

  it('stores members in MSP order with roles in the kind’s order, so equal sets are equal records', () => {
    const [h, p, sh] = DEFAULT_MEMBERS;
    expect(foundingMembers([sh, { ...p, roles: ['pharmacist', 'admin'] }, h])).to.deep.equal([h, sh, p]);
    expect(changeOf({ change: 'setRoles', mspId: 'HospitalMSP', roles: ['doctor', 'admin'] })).to.deep.equal({ kind: 'setRoles', mspId: 'HospitalMSP', roles: ['doctor', 'admin'] });
    expect(() => applyChange(DEFAULT_MEMBERS, { kind: 'setRoles', mspId: 'HospitalMSP', roles: ['doctor', 'admin'] })).to.throw(/already issues exactly admin, doctor/);
  });

  it('founds with the fixtures’ helper exactly as the contract does', async () => {
    const ledger = new FakeLedger();
    await foundMembership(ledger);
    expect((await membershipOn(ledger)).members).to.deep.equal(DEFAULT_MEMBERS.slice().sort((a, b) => (a.mspId < b.mspId ? -1 : 1)));
  });
});
