/**
 * The member set and the changes a proposal may make to it. Pure: the Membership contract reads
 * the record and saves what these return. Every member set these return is valid: distinct MSPs,
 * an insurer region for insurers and only for them, at most one insurer per region, roles the
 * kind may issue including admin (so every member can vote), at least MIN_MEMBERS members.
 */
import { type ChaincodeError, conflict, notFound, validationError } from '../ledger/errors';
import { MAX_MEMBERS, MIN_MEMBERS, ROLES_OF_KIND, type ChangeKind, type Member, type MemberKind, type MembershipChange } from '../model/membership';
import type { Role } from '../model/organisations';

/** One member's own consistency; `prefix` places its fields in a refusal ('' for the flat proposal arguments). */
function memberRefusal(member: Member, prefix: string): ChaincodeError | undefined {
  const field = (name: string): string => (prefix ? `${prefix}.${name}` : name);
  if (member.kind === 'insurer' && member.region === undefined) return validationError(field('region'), 'is required for an insurer: the region whose fund it acts for');
  if (member.kind !== 'insurer' && member.region !== undefined) return validationError(field('region'), `is for insurers only; a ${member.kind} acts in every region`);
  const allowed = ROLES_OF_KIND[member.kind];
  const foreign = member.roles.find((role) => !allowed.includes(role));
  if (foreign) return validationError(field('roles'), `must be roles a ${member.kind} may issue (${allowed.join(', ')}); ${foreign} is not`);
  if (!member.roles.includes('admin')) return validationError(field('roles'), 'must include admin: every member votes on membership through its admins');
  return undefined;
}

/** The set as a whole: distinct MSPs, one insurer per region, within the bounds. */
function setRefusal(members: readonly Member[]): ChaincodeError | undefined {
  if (members.length < MIN_MEMBERS) return conflict(`the channel needs at least ${MIN_MEMBERS} members; this change would leave ${members.length}`);
  if (members.length > MAX_MEMBERS) return conflict(`the membership record holds at most ${MAX_MEMBERS} members`);
  const seen = new Set<string>();
  const insurerOf = new Map<string, string>();
  for (const member of members) {
    if (seen.has(member.mspId)) return conflict(`${member.mspId} is already a member`);
    seen.add(member.mspId);
    if (member.region === undefined) continue;
    const holder = insurerOf.get(member.region);
    if (holder !== undefined) return conflict(`region ${member.region} already has an insurer, ${holder}; a region has one`);
    insurerOf.set(member.region, member.mspId);
  }
  return undefined;
}

const byMsp = (a: Member, b: Member): number => (a.mspId < b.mspId ? -1 : a.mspId > b.mspId ? 1 : 0);

/** A member as stored: its roles in the kind's order, so equal sets are equal records. */
function normalised(member: Member): Member {
  const roles = ROLES_OF_KIND[member.kind].filter((role) => member.roles.includes(role));
  return member.region === undefined ? { mspId: member.mspId, kind: member.kind, roles } : { mspId: member.mspId, kind: member.kind, region: member.region, roles };
}

function mustBeValid(members: Member[]): Member[] {
  const refusal = setRefusal(members);
  if (refusal) throw refusal;
  return [...members].sort(byMsp);
}

function memberNamed(members: readonly Member[], mspId: string): Member {
  const member = members.find((m) => m.mspId === mspId);
  if (!member) throw notFound(`${mspId} is not a member`);
  return member;
}

/** The founding set, checked like any other. */
export function foundingMembers(members: readonly Member[]): Member[] {
  members.forEach((member, i) => {
    const refusal = memberRefusal(member, `members[${i}]`);
    if (refusal) throw refusal;
  });
  return mustBeValid(members.map(normalised));
}

/** The member set after a change; refuses a change that does not apply to `members` as they are now. */
export function applyChange(members: readonly Member[], change: MembershipChange): Member[] {
  switch (change.kind) {
    case 'found':
      throw conflict('the membership is already founded; it changes only by proposals the members approve');
    case 'addMember': {
      const refusal = memberRefusal(change.member, '');
      if (refusal) throw refusal;
      if (members.some((m) => m.mspId === change.member.mspId)) throw conflict(`${change.member.mspId} is already a member`);
      return mustBeValid([...members, normalised(change.member)]);
    }
    case 'setInsurerRegion': {
      const member = memberNamed(members, change.mspId);
      if (member.kind !== 'insurer') throw conflict(`${change.mspId} is a ${member.kind}, not an insurer; only insurers act for a region`);
      if (member.region === change.region) throw conflict(`${change.mspId} already acts for region ${change.region}`);
      return mustBeValid(members.map((m) => (m.mspId === change.mspId ? { ...m, region: change.region } : m)));
    }
    case 'setRoles': {
      const member = memberNamed(members, change.mspId);
      const next = normalised({ ...member, roles: change.roles });
      const refusal = memberRefusal(next, '');
      if (refusal) throw refusal;
      if (next.roles.join() === member.roles.join()) throw conflict(`${change.mspId} already issues exactly ${member.roles.join(', ')}`);
      return mustBeValid(members.map((m) => (m.mspId === change.mspId ? next : m)));
    }
    case 'removeMember':
      memberNamed(members, change.mspId);
      return mustBeValid(members.filter((m) => m.mspId !== change.mspId));
  }
}

/** The flat arguments of a proposal (Membership:Propose) as a change; the fields its kind needs are required. */
export interface ChangeArgs {
  change: ChangeKind;
  mspId?: string;
  memberKind?: MemberKind;
  region?: string;
  roles?: Role[];
  members?: Member[];
}

const FIELDS_OF: Record<ChangeKind, readonly (keyof ChangeArgs)[]> = {
  found: ['members'],
  addMember: ['mspId', 'memberKind', 'roles'],
  setInsurerRegion: ['mspId', 'region'],
  setRoles: ['mspId', 'roles'],
  removeMember: ['mspId'],
};
/** Fields a kind may carry besides those it needs. */
const OPTIONAL_OF: Partial<Record<ChangeKind, readonly (keyof ChangeArgs)[]>> = { addMember: ['region'] };

export function changeOf(args: ChangeArgs): MembershipChange {
  const needed = FIELDS_OF[args.change];
  const allowed = [...needed, ...(OPTIONAL_OF[args.change] ?? []), 'change'];
  for (const field of needed) if (args[field] === undefined) throw validationError(field, `is required to ${args.change}`);
  for (const field of Object.keys(args) as (keyof ChangeArgs)[]) {
    if (!allowed.includes(field) && args[field] !== undefined) throw validationError(field, `is not a field of ${args.change}`);
  }
  const mspId = args.mspId as string;
  switch (args.change) {
    case 'found':
      return { kind: 'found', members: foundingMembers(args.members as Member[]) };
    case 'addMember': {
      const member: Member = { mspId, kind: args.memberKind as MemberKind, roles: args.roles as Role[] };
      if (args.region !== undefined) member.region = args.region;
      const refusal = memberRefusal(member, '');
      if (refusal) throw refusal;
      return { kind: 'addMember', member: normalised(member) };
    }
    case 'setInsurerRegion':
      return { kind: 'setInsurerRegion', mspId, region: args.region as string };
    case 'setRoles':
      return { kind: 'setRoles', mspId, roles: args.roles as Role[] };
    case 'removeMember':
      return { kind: 'removeMember', mspId };
  }
}

/** The MSP a change is about, for events and messages. */
export const subjectOf = (change: MembershipChange): string =>
  change.kind === 'found' ? change.members.map((m) => m.mspId).join(',') : change.kind === 'addMember' ? change.member.mspId : change.mspId;
