/**
 * The membership record (one key: every authorisation reads it once) and membership proposals
 * (key proposalId, with their key history).
 */
import type { Context } from 'fabric-contract-api';
import { forbidden } from '../ledger/errors';
import { RecordStore } from '../ledger/record-store';
import { MEMBERSHIP_ID, type MembershipProposalRecord, type MembershipRecord } from '../model/membership';

export const memberships = new RecordStore<MembershipRecord>('membership', (m) => m.id);
export const membershipProposals = new RecordStore<MembershipProposalRecord>('membershipProposal', (p) => p.proposalId);

/** The membership record as it is, or undefined before the founding. */
export const currentMembership = (ctx: Context): Promise<MembershipRecord | undefined> => memberships.get(ctx, MEMBERSHIP_ID);

/** The membership record every authorisation reads; before the founding nobody is a member (403). */
export async function membershipOf(ctx: Context): Promise<MembershipRecord> {
  const membership = await currentMembership(ctx);
  if (!membership) throw forbidden('the channel membership has not been founded yet (Membership:Propose with change found)');
  return membership;
}
