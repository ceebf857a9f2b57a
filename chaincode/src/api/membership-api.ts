/** Membership: the channel's member orgs as ledger data, changed by majority-approved proposals. */
import { Type } from '@sinclair/typebox';
import { CHANGE_KINDS, MAX_MEMBERS, MEMBER_KINDS, MIN_MEMBERS, type MembershipProposalView, type MembershipRecord } from '../model/membership';
import { ROLES } from '../model/organisations';
import { Closed, Distinct, Id, NoArgs, OneOf, Region } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

export const MspId = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9.-]{0,63}$', description: 'an MSP id: a letter, then up to 63 letters, digits, dots or dashes' });
const Roles = Distinct(OneOf(ROLES), 1, ROLES.length);
const MemberArg = Closed({ mspId: MspId, kind: OneOf(MEMBER_KINDS), region: Type.Optional(Region), roles: Roles });

export const MembershipApi = {
  /** The member set as it is now; every authorisation reads the same record. */
  Get: evaluateTx('Membership:Get', { args: NoArgs, result: returns<MembershipRecord>() }),
  /**
   * An org admin proposes a change; the proposer's org approves by proposing. Fields by change:
   * found: members (only before the channel has a membership; its founders vote on it);
   * addMember: mspId, memberKind, roles, and region for an insurer; setInsurerRegion: mspId,
   * region; setRoles: mspId, roles; removeMember: mspId.
   */
  Propose: submitTx('Membership:Propose', {
    args: Closed({
      proposalId: Id,
      change: OneOf(CHANGE_KINDS),
      mspId: Type.Optional(MspId),
      memberKind: Type.Optional(OneOf(MEMBER_KINDS)),
      region: Type.Optional(Region),
      roles: Type.Optional(Roles),
      members: Type.Optional(Type.Array(MemberArg, { minItems: MIN_MEMBERS, maxItems: MAX_MEMBERS })),
    }),
    result: returns<MembershipProposalView>(),
  }),
  /** An admin of another member org approves; the approval that makes a strict majority of the members adopts the change. */
  Approve: submitTx('Membership:Approve', { args: Closed({ proposalId: Id }), result: returns<MembershipProposalView>() }),
  GetProposal: evaluateTx('Membership:GetProposal', { args: Closed({ proposalId: Id }), result: returns<MembershipProposalView>() }),
} as const;
