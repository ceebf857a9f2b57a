import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { MembershipApi as Api } from '../api/membership-api';
import { authoriseIn, stampOf } from '../ledger/caller';
import { conflict } from '../ledger/errors';
import { emit } from '../ledger/events';
import { argsOf } from '../ledger/transaction-input';
import type { Stamp } from '../model/audit';
import { MEMBERSHIP_ID, type Member, type MembershipProposalRecord, type MembershipProposalView, type MembershipRecord } from '../model/membership';
import { applyChange, changeOf, subjectOf } from '../rules/membership-members';
import { approvalRefusal, approved, countingApprovals, electorateOf, majorityOf, proposed } from '../rules/membership-votes';
import { currentMembership, membershipOf, membershipProposals, memberships } from '../stores/membership';

const viewOf = (proposal: MembershipProposalRecord, members: readonly Member[]): MembershipProposalView => {
  const electorate = electorateOf(proposal.change, members);
  return { ...proposal, electorate, approvalsNeeded: majorityOf(electorate), approvalsCounting: countingApprovals(proposal, electorate).length };
};

/** The member set a founding or an adopted change writes. */
const membershipAfter = (proposal: MembershipProposalRecord, current: MembershipRecord | undefined, stamp: Stamp): MembershipRecord => ({
  docType: 'membership',
  id: MEMBERSHIP_ID,
  members: proposal.change.kind === 'found' ? proposal.change.members : applyChange(current?.members ?? [], proposal.change),
  version: (current?.version ?? 0) + 1,
  proposalId: proposal.proposalId,
  changed: stamp,
});

/**
 * Who belongs to the channel, as ledger data: a new region's insurer, or a new role issuer,
 * needs a majority of the members' admins, never a chaincode change. Before the founding no
 * transaction but these two is authorised; the founding proposal is voted on by the founders
 * it lists and, once adopted, can never be proposed again.
 */
@Info({ title: 'Membership', description: 'Member orgs, insurer regions and role issuers, changed by a strict majority of the members’ admins' })
export class MembershipContract extends Contract {
  constructor() {
    super('Membership');
  }

  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<MembershipRecord> {
    const membership = await membershipOf(ctx);
    authoriseIn(ctx, Api.Get, membership.members);
    argsOf(Api.Get, args);
    return membership;
  }

  @Transaction()
  async Propose(ctx: Context, args: string): Promise<MembershipProposalView> {
    const current = await currentMembership(ctx);
    const caller = current ? authoriseIn(ctx, Api.Propose, current.members) : undefined;
    const { proposalId, ...changeArgs } = argsOf(Api.Propose, args);
    if (!current && changeArgs.change !== 'found') throw conflict('the channel membership has not been founded yet; the first proposal must be change found');
    const change = changeOf(changeArgs);
    // Before the founding the proposer must be an admin of one of the founders it lists.
    const proposer = caller ?? authoriseIn(ctx, Api.Propose, change.kind === 'found' ? change.members : []);
    // Refused now if it could not apply to the members as they are (already a member, region taken …).
    if (current) applyChange(current.members, change);
    if (await membershipProposals.exists(ctx, proposalId)) throw conflict(`membership proposal ${proposalId} already exists`);
    const record = proposed(proposalId, change, stampOf(ctx, proposer));
    await membershipProposals.save(ctx, record);
    const view = viewOf(record, current?.members ?? []);
    emit(ctx, 'MembershipProposed', { proposalId, change: change.kind, subject: subjectOf(change), approvalsNeeded: view.approvalsNeeded });
    return view;
  }

  @Transaction()
  async Approve(ctx: Context, args: string): Promise<MembershipProposalView> {
    const current = await currentMembership(ctx);
    const caller = current ? authoriseIn(ctx, Api.Approve, current.members) : undefined;
    const { proposalId } = argsOf(Api.Approve, args);
    const proposal = await membershipProposals.mustGet(ctx, proposalId);
    if (current && proposal.change.kind === 'found' && proposal.status === 'OPEN') {
      throw conflict(`the channel membership is already founded; founding proposal ${proposalId} can no longer be adopted`);
    }
    const electorate = electorateOf(proposal.change, current?.members ?? []);
    // Before the founding the approver must be an admin of one of the founders the proposal lists.
    const approver = caller ?? authoriseIn(ctx, Api.Approve, proposal.change.kind === 'found' ? proposal.change.members : []);
    const refusal = approvalRefusal(proposal, approver.mspId);
    if (refusal) throw refusal;
    const stamp = stampOf(ctx, approver);
    const next = approved(proposal, stamp, electorate, (current?.version ?? 0) + 1);
    if (next.status === 'ADOPTED') {
      const membership = membershipAfter(next, current, stamp);
      await memberships.save(ctx, membership, current);
      await membershipProposals.save(ctx, next, proposal);
      emit(ctx, 'MembershipChanged', { proposalId, change: next.change.kind, subject: subjectOf(next.change), version: membership.version });
      return viewOf(next, membership.members);
    }
    await membershipProposals.save(ctx, next, proposal);
    const view = viewOf(next, current?.members ?? []);
    emit(ctx, 'MembershipApproved', { proposalId, by: approver.mspId, approvalsCounting: view.approvalsCounting, approvalsNeeded: view.approvalsNeeded });
    return view;
  }

  @Transaction(false)
  async GetProposal(ctx: Context, args: string): Promise<MembershipProposalView> {
    const current = await currentMembership(ctx);
    const { proposalId } = argsOf(Api.GetProposal, args);
    const proposal = await membershipProposals.mustGet(ctx, proposalId);
    // Anyone a member now, or before the founding a listed founder, may follow a proposal.
    authoriseIn(ctx, Api.GetProposal, current?.members ?? (proposal.change.kind === 'found' ? proposal.change.members : []));
    return viewOf(proposal, current?.members ?? []);
  }
}
