import type { Context } from 'fabric-contract-api';
import type { Actor, Stamp } from '../model/audit';
import { CERT_ATTR, INSURER_REGION, ROLES, ROLE_ISSUERS, type MspId, type Role } from '../model/organisations';
import { ChaincodeError, forbidden } from './errors';
import { txTimeIso } from './time';

/**
 * The caller as its CA-issued certificate describes it. The chaincode authorises from these
 * attributes and the MSP id alone; nothing the gateway says about the caller is trusted.
 */
export function callerOf(ctx: Context): Actor {
  const identity = ctx.clientIdentity;
  const mspId = identity.getMSPID() as MspId;
  const role = identity.getAttributeValue(CERT_ATTR.role);
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new ChaincodeError('UNAUTHENTICATED', 'certificate carries no recognised role attribute');
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

/** The caller, if it holds one of the roles; otherwise a FORBIDDEN error naming what was needed. */
export function requireRole(ctx: Context, ...roles: Role[]): Actor {
  const actor = callerOf(ctx);
  if (!roles.includes(actor.role)) {
    throw forbidden(`${actor.role} may not do this; requires ${roles.join(' or ')}`);
  }
  return actor;
}

/** Attribute the caller's certificate must carry for this operation. */
export function requireAttr<K extends 'licenceId' | 'institutionId' | 'region'>(actor: Actor, name: K): string {
  const value = actor[name];
  if (!value) {
    throw new ChaincodeError('UNAUTHENTICATED', `certificate lacks the ${name} attribute`);
  }
  return value;
}

export function stampOf(ctx: Context, actor: Actor = callerOf(ctx)): Stamp {
  return { by: actor, at: txTimeIso(ctx), txId: ctx.stub.getTxID() };
}
