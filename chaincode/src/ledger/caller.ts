import type { Context } from 'fabric-contract-api';
import { rolesOf } from '../api/access';
import type { AnyTx } from '../api/transaction';
import type { Actor, Stamp } from '../model/audit';
import { CERT_ATTR, INSURER_REGION, ROLES, ROLE_ISSUERS, type MspId, type Role } from '../model/organisations';
import { forbidden } from './errors';
import { txTimeIso } from './time';

/**
 * The caller as its CA-issued certificate describes it. The chaincode authorises from these
 * attributes and the MSP id alone; nothing the gateway says about the caller is trusted.
 * Fabric has already authenticated the certificate, so every refusal here is a 403.
 */
export function callerOf(ctx: Context): Actor {
  const identity = ctx.clientIdentity;
  const mspId = identity.getMSPID() as MspId;
  const role = identity.getAttributeValue(CERT_ATTR.role);
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw forbidden('the certificate carries no recognised role attribute');
  }
  if (!ROLE_ISSUERS[role as Role].includes(mspId)) {
    throw forbidden(`role ${role} is not valid for members of ${mspId}`);
  }
  const actor: Actor = { mspId, id: identity.getID(), role: role as Role };
  const licenceId = identity.getAttributeValue(CERT_ATTR.licence);
  const institutionId = identity.getAttributeValue(CERT_ATTR.institution);
  const region = identity.getAttributeValue(CERT_ATTR.region);
  if (licenceId) actor.licenceId = licenceId;
  if (institutionId) actor.institutionId = institutionId;
  if (region) actor.region = region;
  const insurerRegion = INSURER_REGION[mspId];
  if (role === 'insurer' && insurerRegion && region !== insurerRegion) {
    throw forbidden(`insurer certificate region ${region ?? 'none'} does not match ${mspId} (${insurerRegion})`);
  }
  return actor;
}

/** The caller, if the access table lets its role call this transaction; otherwise FORBIDDEN naming who may. */
export function authorise(ctx: Context, tx: AnyTx): Actor {
  const actor = callerOf(ctx);
  const roles = rolesOf(tx.id);
  if (!roles.includes(actor.role)) {
    throw forbidden(`${actor.role} may not call ${tx.id}; requires ${roles.join(' or ')}`);
  }
  return actor;
}

/** An attribute the caller's certificate must carry for this act: without it the act is refused (403). */
export function requireAttr<K extends 'licenceId' | 'institutionId' | 'region'>(actor: Actor, name: K): string {
  const value = actor[name];
  if (!value) throw forbidden(`the ${actor.role} certificate lacks the ${name} attribute this act needs`);
  return value;
}

export function stampOf(ctx: Context, actor: Actor = callerOf(ctx)): Stamp {
  return { by: actor, at: txTimeIso(ctx), txId: ctx.stub.getTxID() };
}
