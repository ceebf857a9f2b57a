import { expect } from 'chai';
import request from 'supertest';
import type { DemoUser } from '../support/network';
import { bearer, gatewayApp, uniqueId } from '../support/network';

/** Proposes a change as one org's admin and has the other admins approve it, the last approval adopting it; each approval is that org's own identity. */
async function adopt(change: Record<string, unknown>, proposer: DemoUser, approvers: DemoUser[]): Promise<string> {
  const opened = await request(gatewayApp()).post('/membership/proposals').set(...bearer(proposer)).send(change).expect(201);
  const proposalId: string = opened.body.proposal.proposalId;
  expect(opened.body.proposal).to.include({ status: 'OPEN', approvalsNeeded: approvers.length + 1, approvalsCounting: 1 });
  let status = 'OPEN';
  for (const admin of approvers) {
    const res = await request(gatewayApp()).post(`/membership/proposals/${proposalId}/approvals`).set(...bearer(admin)).send({}).expect(200);
    status = res.body.proposal.status;
  }
  expect(status).to.equal('ADOPTED');
  return proposalId;
}

const membership = async () => (await request(gatewayApp()).get('/membership').set(...bearer('investigator1')).expect(200)).body;

describe('membership as channel data (integration)', function () {
  this.timeout(180_000);

  it('lists the five founding members, founded once by the deployment', async () => {
    const current = await membership();
    expect(current.version).to.be.at.least(1);
    expect(current.members.map((m: { mspId: string }) => m.mspId)).to.include.members(['HospitalMSP', 'PharmacyMSP', 'InsurerSHMSP', 'InsurerBJMSP', 'RegulatorMSP']);
    expect(current.members.find((m: { mspId: string }) => m.mspId === 'InsurerSHMSP')).to.deep.equal({ mspId: 'InsurerSHMSP', kind: 'insurer', region: '310000', roles: ['admin', 'insurer'] });
    const founding = await request(gatewayApp()).get('/membership/proposals/FOUNDING').set(...bearer('hospitaladmin')).expect(200);
    expect(founding.body).to.include({ status: 'ADOPTED', adoptedVersion: 1 });
    expect(founding.body.approvals).to.have.length(3);
    await request(gatewayApp()).post('/membership/proposals').set(...bearer('regulatoradmin'))
      .send({ change: 'found', members: current.members }).expect(409);
  });

  it('adds a region’s insurer with 3 of 5 admins’ approvals, each its own org, then removes it again', async () => {
    const mspId = `InsurerGD${Date.now().toString(36)}MSP`;
    const opened = await request(gatewayApp()).post('/membership/proposals').set(...bearer('insureradmin-sh'))
      .send({ change: 'addMember', mspId, memberKind: 'insurer', region: '440000', roles: ['admin', 'insurer'] }).expect(201);
    const id: string = opened.body.proposal.proposalId;
    expect(id).to.match(/^MEM/);
    const approval = (admin: DemoUser) => request(gatewayApp()).post(`/membership/proposals/${id}/approvals`).set(...bearer(admin)).send({});
    const second = await approval('hospitaladmin').expect(200);
    expect(second.body.proposal).to.include({ status: 'OPEN', approvalsCounting: 2 });
    expect((await membership()).members.map((m: { mspId: string }) => m.mspId)).to.not.include(mspId);
    const twice = await approval('insureradmin-sh').expect(409);
    expect(twice.body.error.message).to.match(/InsurerSHMSP has already approved/);
    await approval('doctor1').expect(403);
    const third = await approval('regulatoradmin').expect(200);
    expect(third.body.proposal).to.include({ status: 'ADOPTED' });
    expect((await membership()).members.find((m: { mspId: string }) => m.mspId === mspId)).to.deep.equal({ mspId, kind: 'insurer', region: '440000', roles: ['admin', 'insurer'] });
    const again = await request(gatewayApp()).post('/membership/proposals').set(...bearer('hospitaladmin'))
      .send({ change: 'addMember', mspId, memberKind: 'insurer', region: '450000', roles: ['admin', 'insurer'] }).expect(409);
    expect(again.body.error.message).to.include(`${mspId} is already a member`);
    const history = await request(gatewayApp()).get(`/membership/proposals/${id}`).set(...bearer('insurer-bj')).expect(200);
    expect(history.body.approvals.map((a: { by: { mspId: string }; txId: string }) => a.by.mspId)).to.deep.equal(['InsurerSHMSP', 'HospitalMSP', 'RegulatorMSP']);
    expect(history.body.approvals.every((a: { txId: string }) => /^[0-9a-f]{64}$/.test(a.txId))).to.equal(true);

    // Six members now: removing one takes four approvals.
    await adopt({ change: 'removeMember', mspId }, 'regulatoradmin', ['pharmacyadmin', 'insureradmin-bj', 'hospitaladmin']);
    expect((await membership()).members.map((m: { mspId: string }) => m.mspId)).to.not.include(mspId);
  });

  it('moves an insurer’s region: its certificates for the old region are refused until it is moved back', async () => {
    const claimsOf = (user: DemoUser, region: string) => request(gatewayApp()).get(`/regions/${region}/claims`).set(...bearer(user));
    const listed = await claimsOf('insurer-bj', '110000');
    expect(listed.status, JSON.stringify(listed.body)).to.equal(200);
    await adopt({ change: 'setInsurerRegion', mspId: 'InsurerBJMSP', region: '440000' }, 'insureradmin-bj', ['hospitaladmin', 'pharmacyadmin']);
    try {
      const refused = await claimsOf('insurer-bj', '110000').expect(403);
      expect(refused.body.error.message).to.match(/insurer certificate region 110000 does not match InsurerBJMSP \(440000\)/);
      // The gateway's enrolment check reads the same record: an insurer for 110000 can no longer be enrolled.
      const enrol = await request(gatewayApp()).post('/admin/users').set(...bearer('insureradmin-bj'))
        .send({ name: uniqueId('ins').toLowerCase(), role: 'insurer', region: '110000' }).expect(400);
      expect(enrol.body.error.details[0]).to.deep.include({ field: 'body.region' });
    } finally {
      await adopt({ change: 'setInsurerRegion', mspId: 'InsurerBJMSP', region: '110000' }, 'insureradmin-bj', ['hospitaladmin', 'pharmacyadmin']);
    }
    await claimsOf('insurer-bj', '110000').expect(200);
  });

  it('refuses a role from an org the ledger does not let issue it, on the chain and at enrolment', async () => {
    await adopt({ change: 'setRoles', mspId: 'RegulatorMSP', roles: ['admin'] }, 'hospitaladmin', ['pharmacyadmin', 'insureradmin-sh']);
    try {
      const refused = await request(gatewayApp()).get('/regions/310000/claims').set(...bearer('investigator1')).expect(403);
      expect(refused.body.error.message).to.match(/role investigator is not valid for members of RegulatorMSP/);
      const enrol = await request(gatewayApp()).post('/admin/users').set(...bearer('regulatoradmin'))
        .send({ name: uniqueId('inv').toLowerCase(), role: 'investigator' }).expect(403);
      expect(enrol.body.error.message).to.match(/RegulatorMSP may not issue the role investigator/);
    } finally {
      await adopt({ change: 'setRoles', mspId: 'RegulatorMSP', roles: ['admin', 'investigator', 'observer'] }, 'regulatoradmin', ['pharmacyadmin', 'insureradmin-sh']);
    }
    await request(gatewayApp()).get('/regions/310000/claims').set(...bearer('investigator1')).expect(200);
  });
});
