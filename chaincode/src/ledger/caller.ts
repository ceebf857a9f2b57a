import type { Context } from 'fabric-contract-api';
import { rolesOf } from '../api/access';
import type { AnyTx } from '../api/transaction';
import type { Actor, Stamp } from '../model/audit';
import type { Caller, Member, MembershipRecord } from '../model/membership';
import { CERT_ATTR, ROLES, type Role } from '../model/organisations';
import { membershipOf } from '../stores/membership';
import { forbidden } from './errors';
import { txTimeIso } from './time';

/**
 * The caller as its CA-issued certificate describes it, before anything is believed: Fabric has
 * authenticated the certificate and its MSP, nothing more. Never authorises on its own.
 */
function certificateOf(ctx: Context): Actor {
  const identity = ctx.clientIdentity;
  const role = identity.getAttributeValue(CERT_ATTR.role);
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw forbidden('the certificate carries no recognised role attribute');
  }
  const actor: Actor = { mspId: identity.getMSPID(), id: identity.getID(), role: role as Role };
  const licenceId = identity.getAttributeValue(CERT_ATTR.licence);
  const institutionId = identity.getAttributeValue(CERT_ATTR.institution);
  const region = identity.getAttributeValue(CERT_ATTR.region);
  if (licenceId) actor.licenceId = licenceId;
  if (institutionId) actor.institutionId = institutionId;
  if (region) actor.region = region;
  return actor;
}

/**
 * The certificate's claims, believed against a member entry: the role only if the member's CA
 * may issue it, an insurer's region only if it is the region the member acts for. Every refusal
 * is a 403: the certificate is authentic, the org just may not vouch for this.
 */
function believed(actor: Actor, member: Member | undefined): Caller {
  if (!member) throw forbidden(`${actor.mspId} is not a member of the channel's membership`);
  if (!member.roles.includes(actor.role)) throw forbidden(`role ${actor.role} is not valid for members of ${actor.mspId}`);
  if (actor.role === 'insurer' && actor.region !== member.region) {
    throw forbidden(`insurer certificate region ${actor.region ?? 'none'} does not match ${actor.mspId} (${member.region ?? 'no region'})`);
  }
  return { ...actor, member };
}

const mayCall = (caller: Caller, tx: AnyTx): Caller => {
  const roles = rolesOf(tx.id);
  if (!roles.includes(caller.role)) throw forbidden(`${caller.role} may not call ${tx.id}; requires ${roles.join(' or ')}`);
  return caller;
};

/** The caller, believed against the ledger's membership (read once, here, per transaction). */
export async function callerOf(ctx: Context): Promise<Caller> {
  return callerIn(ctx, await membershipOf(ctx));
}

/** The caller, believed against a membership record this transaction has already read. */
export function callerIn(ctx: Context, membership: Pick<MembershipRecord, 'members'>): Caller {
  const actor = certificateOf(ctx);
  return believed(actor, membership.members.find((m) => m.mspId === actor.mspId));
}

/**
 * The caller, if its org is a member that may issue its role and the access table lets that role
 * call this transaction; otherwise FORBIDDEN naming why. The one ledger read of the member set
 * happens here; the member entry travels with the caller, so party checks need no second read.
 */
export async function authorise(ctx: Context, tx: AnyTx): Promise<Caller> {
  return mayCall(await callerOf(ctx), tx);
}

/** As authorise, against a membership record (or, for the founding, the founders listed) this transaction has already read. */
export function authoriseIn(ctx: Context, tx: AnyTx, members: readonly Member[]): Caller {
  return mayCall(callerIn(ctx, { members: [...members] }), tx);
}

/** An attribute the caller's certificate must carry for this act: without it the act is refused (403). */
export function requireAttr<K extends 'licenceId' | 'institutionId' | 'region'>(actor: Actor, name: K): string {
  const value = actor[name];
  if (!value) throw forbidden(`the ${actor.role} certificate lacks the ${name} attribute this act needs`);
  return value;
}

/** Who did it, when, in which transaction; only the certificate's facts are stamped, not the member entry. */
export function stampOf(ctx: Context, actor: Actor): Stamp {
  const { mspId, id, role, licenceId, institutionId, region } = actor;
  const by: Actor = { mspId, id, role };
  if (licenceId !== undefined) by.licenceId = licenceId;
  if (institutionId !== undefined) by.institutionId = institutionId;
  if (region !== undefined) by.region = region;
  return { by, at: txTimeIso(ctx), txId: ctx.stub.getTxID() };
}
