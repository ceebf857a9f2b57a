import { MembershipApi } from '@rxchain/chaincode/dist/shared';
import { txRoute, type AnyRoute } from '../http/route';

/**
 * The channel's membership (member orgs, insurer regions, role issuers) and the proposals that
 * change it. Each org's admin approves with its own identity through this gateway or its own.
 */
export function membershipRoutes(): AnyRoute[] {
  return [
    txRoute({
      method: 'get',
      path: '/membership',
      operationId: 'getMembership',
      summary: 'The current member orgs: kind, the region an insurer acts for, the roles each CA may issue',
      tag: 'membership',
      tx: MembershipApi.Get,
      success: { status: 200, description: 'The membership record, with its version and the proposal that wrote it' },
    }),
    txRoute({
      method: 'post',
      path: '/membership/proposals',
      operationId: 'proposeMembershipChange',
      summary: 'Propose a membership change (org admins): add a member, map an insurer to a region, change the roles a CA may issue, remove a member',
      description: 'The proposer’s org approves by proposing; the change takes effect when admins of a strict majority of the current members have approved.',
      tag: 'membership',
      tx: MembershipApi.Propose,
      derivedIds: [{ field: 'proposalId', prefix: 'MEM' }],
      resultKey: 'proposal',
      success: { status: 201, description: 'The open proposal, with the approvals it needs' },
      errors: [404, 409],
    }),
    txRoute({
      method: 'post',
      path: '/membership/proposals/:id/approvals',
      operationId: 'approveMembershipChange',
      summary: 'Approve a membership proposal as an admin of a member org; the approval that makes a majority adopts it',
      tag: 'membership',
      tx: MembershipApi.Approve,
      pathArgs: { id: 'proposalId' },
      resultKey: 'proposal',
      success: { status: 200, description: 'The proposal with this approval (status ADOPTED once a majority approved)' },
      errors: [404, 409],
    }),
    txRoute({
      method: 'get',
      path: '/membership/proposals/:id',
      operationId: 'getMembershipProposal',
      summary: 'A membership proposal: its change, every approval (org, admin, time, tx id) and its count',
      tag: 'membership',
      tx: MembershipApi.GetProposal,
      pathArgs: { id: 'proposalId' },
      success: { status: 200, description: 'The proposal' },
      errors: [404],
    }),
  ];
}
