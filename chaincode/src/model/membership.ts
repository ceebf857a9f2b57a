/**
 * The channel's member organisations as ledger data: what kind of organisation each MSP is, the
 * region an insurer MSP acts for, and which roles its CA may issue. Changed only by proposals a
 * strict majority of the members' admins approved (rules/membership-votes.ts).
 */
import type { Actor, Stamp } from './audit';
import type { Role } from './organisations';

export const MEMBER_KINDS = ['hospital', 'pharmacy', 'insurer', 'regulator'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

/** The roles an organisation of each kind may issue at most; a member's own list is a subset that includes admin. */
export const ROLES_OF_KIND: Record<MemberKind, readonly Role[]> = {
  hospital: ['admin', 'doctor'],
  pharmacy: ['admin', 'pharmacist'],
  insurer: ['admin', 'insurer'],
  regulator: ['admin', 'investigator', 'observer'],
};

/** Fewest members the channel may have, and fewest founders: no one or two orgs decide alone. */
export const MIN_MEMBERS = 3;
/** Most members one record holds: the whole set is one bounded read per transaction. */
export const MAX_MEMBERS = 64;

export interface Member {
  mspId: string;
  kind: MemberKind;
  /** Insurers only: the administrative region (GB/T 2260) whose fund it acts for; one insurer per region. */
  region?: string;
  /** Roles this MSP's CA may issue: a certificate's role is believed only if listed here. */
  roles: Role[];
}

/** The one membership record: every authorisation reads it (one getState per transaction). */
export interface MembershipRecord {
  docType: 'membership';
  id: typeof MEMBERSHIP_ID;
  /** In MSP id order. */
  members: Member[];
  /** 1 when founded, +1 per adopted change. */
  version: number;
  /** The proposal whose adoption wrote this version. */
  proposalId: string;
  changed: Stamp;
}

export const MEMBERSHIP_ID = 'channel';

export const CHANGE_KINDS = ['found', 'addMember', 'setInsurerRegion', 'setRoles', 'removeMember'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What a proposal would change, once adopted. */
export type MembershipChange =
  | { kind: 'found'; members: Member[] }
  | { kind: 'addMember'; member: Member }
  | { kind: 'setInsurerRegion'; mspId: string; region: string }
  | { kind: 'setRoles'; mspId: string; roles: Role[] }
  | { kind: 'removeMember'; mspId: string };

export const PROPOSAL_STATUSES = ['OPEN', 'ADOPTED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * A proposed change and every approval of it, each one a transaction of an approving org's own
 * admin. The proposer's org approves by proposing. It is adopted by the approval that makes the
 * approving members a strict majority of the members at that moment.
 */
export interface MembershipProposalRecord {
  docType: 'membershipProposal';
  proposalId: string;
  change: MembershipChange;
  status: ProposalStatus;
  proposed: Stamp;
  /** One per org, in approval order; the proposer's first. */
  approvals: Stamp[];
  /** The membership version its adoption wrote. */
  adoptedVersion?: number;
  adopted?: Stamp;
}

/** Who is calling, with the membership record's entry for its MSP: read once per transaction by authorise. */
export interface Caller extends Actor {
  member: Member;
}

/** A proposal with its count as of now: who votes, how many approvals it needs, how many it has that still count. */
export interface MembershipProposalView extends MembershipProposalRecord {
  electorate: string[];
  approvalsNeeded: number;
  approvalsCounting: number;
}
