/**
 * Voting on membership proposals. A change takes effect when admins of a strict majority of the
 * current member orgs have approved it, each approval a transaction of that org's own admin, so
 * no org ever needs another's key. The founding proposal's electorate is the founders it lists.
 * Pure: the Membership contract reads, these decide, the contract saves.
 */
import { type ChaincodeError, conflict } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { Member, MembershipChange, MembershipProposalRecord } from '../model/membership';

/** The MSPs whose admins vote on a proposal: the current members, or for the founding the founders listed. */
export function electorateOf(change: MembershipChange, members: readonly Member[]): string[] {
  return (change.kind === 'found' ? change.members : members).map((m) => m.mspId);
}

/** Approvals a proposal needs: more than half of its electorate. */
export const majorityOf = (electorate: readonly string[]): number => Math.floor(electorate.length / 2) + 1;

/** The approving orgs that still count: members of the electorate as it is now (a removed org's approval lapses). */
export const countingApprovals = (proposal: Pick<MembershipProposalRecord, 'approvals'>, electorate: readonly string[]): string[] =>
  proposal.approvals.map((a) => a.by.mspId).filter((msp) => electorate.includes(msp));

export const isAdopted = (proposal: Pick<MembershipProposalRecord, 'approvals'>, electorate: readonly string[]): boolean =>
  countingApprovals(proposal, electorate).length >= majorityOf(electorate);

/**
 * Why this org's admin may not approve now: adopted already, or approved already (409). That the
 * approver's org is in the electorate authorise has established: it believes only members' admins
 * (before the founding, the listed founders' admins), so an outsider is refused there (403).
 */
export function approvalRefusal(proposal: MembershipProposalRecord, mspId: string): ChaincodeError | undefined {
  if (proposal.status !== 'OPEN') return conflict(`membership proposal ${proposal.proposalId} is ${proposal.status} already`);
  if (proposal.approvals.some((a) => a.by.mspId === mspId)) return conflict(`${mspId} has already approved membership proposal ${proposal.proposalId}`);
  return undefined;
}

/** The proposal as its proposer writes it: open, approved by the proposer's org. */
export function proposed(proposalId: string, change: MembershipChange, stamp: Stamp): MembershipProposalRecord {
  return { docType: 'membershipProposal', proposalId, change, status: 'OPEN', proposed: stamp, approvals: [stamp] };
}

/** The proposal with one more approval; adopted if that makes a majority (the caller then writes the new member set). */
export function approved(proposal: MembershipProposalRecord, stamp: Stamp, electorate: readonly string[], nextVersion: number): MembershipProposalRecord {
  const next: MembershipProposalRecord = { ...proposal, approvals: [...proposal.approvals, stamp] };
  return isAdopted(next, electorate) ? { ...next, status: 'ADOPTED', adopted: stamp, adoptedVersion: nextVersion } : next;
}
