import { Type, type Static } from '@sinclair/typebox';
import crypto from 'node:crypto';
import path from 'node:path';
import { Closed, InstitutionApi, MembershipApi, OneOf, ROLES, Region, STAFF_ORG_KIND_OF, type InstitutionRecord, type Member } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { enrolUser, type NewUser } from '../fabric/enrolment';
import type { AuthenticatedUser } from '../fabric/identities';
import { LedgerError } from '../fabric/ledger-port';
import { ApiError, invalidRequest } from '../http/api-error';
import { plainRoute, type AnyRoute } from '../http/route';
import { hashPassword } from '../sessions/password-hash';

const UserName = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,40}$', description: '3-41 lowercase letters, digits or dashes, not starting with a dash' });
/** Written into the certificate as attributes; the chaincode reads them as the caller's institution and licence. */
const AttributeId = Type.String({ pattern: '^[A-Z0-9-]{2,32}$', description: '2-32 capital letters, digits or dashes' });

/** A sign-in password for the console; kept only as a scrypt hash. */
export const Password = Type.String({ minLength: 12, maxLength: 128, description: '12-128 characters, not containing the user name; stored only as a scrypt hash' });

const NewUserBody = Closed({
  name: UserName,
  password: Type.Optional(Password),
  role: OneOf(ROLES),
  region: Type.Optional(Region),
  institutionId: Type.Optional(AttributeId),
  licenceId: Type.Optional(AttributeId),
});

const PasswordBody = Closed({ password: Password });

/** What the schema cannot say about a password. */
export function checkPassword(name: string, password: string): void {
  if (password.toLowerCase().includes(name)) throw invalidRequest([{ field: 'body.password', message: 'must not contain the user name' }]);
}

const ADMINS = ['admin'] as const;
const fabricBin = process.env.RXCHAIN_FABRIC_BIN ?? path.resolve(__dirname, '..', '..', '..', '.fabric', 'bin');

/** Org admins enrol their own org's users through its CA and manage their tokens. */
export function userRoutes({ profile, identities, ledger, sessions }: AppDeps): AnyRoute[] {
  /**
   * The admin's own org as the ledger's membership lists it, read afresh for each enrolment:
   * enrolments are rare, and a cached copy could let a CA issue a role a majority just withdrew.
   */
  const memberOf = async (admin: AuthenticatedUser): Promise<Member> => {
    const membership = await ledger.evaluate(admin, MembershipApi.Get, {});
    const member = membership.members.find((m) => m.mspId === admin.mspId);
    if (!member) throw new ApiError(403, 'FORBIDDEN', `${admin.mspId} is not a member of the channel's membership`);
    return member;
  };
  /**
   * Staff are enrolled only for an institution the registry knows as one of this org's kind and,
   * when the user has a region, in that region (XR-03): a certificate naming an unknown
   * institution would let nobody act, or the wrong one.
   */
  const checkInstitution = async (admin: AuthenticatedUser, member: Member, newUser: NewUser): Promise<void> => {
    if (newUser.institutionId === undefined) return;
    let institution: InstitutionRecord;
    try {
      institution = await ledger.evaluate(admin, InstitutionApi.Get, { institutionId: newUser.institutionId });
    } catch (err) {
      if (err instanceof LedgerError && err.failure.kind === 'rejected' && err.failure.code === 'NOT_FOUND') {
        throw invalidRequest([{ field: 'body.institutionId', message: `must be a registered designated institution; ${newUser.institutionId} is not` }]);
      }
      throw err;
    }
    if (STAFF_ORG_KIND_OF[institution.kind] !== member.kind) {
      throw invalidRequest([{ field: 'body.institutionId', message: `must be an institution of ${admin.mspId} (a ${member.kind}); ${institution.institutionId} is a ${institution.kind}` }]);
    }
    if (newUser.region !== undefined && newUser.region !== institution.region) {
      throw invalidRequest([{ field: 'body.region', message: `must be ${institution.region}, the region ${institution.institutionId} is registered in` }]);
    }
  };
  const sameOrg = (adminOrg: string, name: string) => {
    const target = identities.user(name);
    if (!target) throw new ApiError(404, 'NOT_FOUND', `no user ${name}`);
    if (target.org !== adminOrg) throw new ApiError(403, 'FORBIDDEN', `${name} belongs to another organisation`);
  };
  return [
    plainRoute({
      method: 'post',
      path: '/admin/users',
      operationId: 'enrolUser',
      summary: 'Enrol a new user of the admin’s own org through its CA; returns the user’s first token',
      description:
        'The attributes are written into the user’s certificate; the chaincode authorises from them. With a `password` the user can also ' +
        'sign in to the console (POST /sessions); without one, only the bearer token works.',
      tag: 'administration',
      roles: ADMINS,
      body: NewUserBody,
      success: { status: 201, description: 'Enrolled; the token is shown once and stored only as a hash' },
      errors: [409],
      handler: async ({ user, body }) => {
        const { password, ...newUser }: NewUser & { password?: string } = body as Static<typeof NewUserBody>;
        if (password !== undefined) checkPassword(newUser.name, password);
        const member = await memberOf(user);
        if (!member.roles.includes(newUser.role)) {
          throw new ApiError(403, 'FORBIDDEN', `${user.mspId} may not issue the role ${newUser.role}`);
        }
        if (newUser.role === 'insurer' && newUser.region !== member.region) {
          throw invalidRequest([{ field: 'body.region', message: `must be ${member.region ?? 'none'}, the region the membership maps ${user.mspId} to` }]);
        }
        if (identities.user(newUser.name)) throw new ApiError(409, 'CONFLICT', `user ${newUser.name} already exists`);
        await checkInstitution(user, member, newUser);
        // Hashed before the CA is asked, so a refused hash cannot leave a user enrolled without the password asked for.
        const passwordHash = password === undefined ? undefined : await hashPassword(password);
        const record = await enrolUser(user.org, profile.orgs[user.org], newUser, crypto.randomBytes(16).toString('hex'), fabricBin);
        identities.addUser(newUser.name, record, passwordHash);
        const token = identities.issueToken(newUser.name, new Date());
        return { status: 201, body: { user: newUser.name, org: user.org, mspId: record.mspId, attrs: record.attrs, token } };
      },
    }),
    plainRoute({
      method: 'post',
      path: '/admin/users/:name/tokens',
      operationId: 'issueToken',
      summary: 'Issue a new bearer token for a user of the admin’s org',
      tag: 'administration',
      roles: ADMINS,
      params: { name: UserName },
      success: { status: 201, description: 'The new token, shown once' },
      errors: [404],
      handler: async ({ user, params }) => {
        sameOrg(user.org, params.name);
        return { status: 201, body: { user: params.name, token: identities.issueToken(params.name, new Date()) } };
      },
    }),
    plainRoute({
      method: 'delete',
      path: '/admin/users/:name/tokens',
      operationId: 'revokeTokens',
      summary: 'Revoke every token of a user of the admin’s org',
      tag: 'administration',
      roles: ADMINS,
      params: { name: UserName },
      success: { status: 200, description: 'Revoked' },
      errors: [404],
      handler: async ({ user, params }) => {
        sameOrg(user.org, params.name);
        return { body: { user: params.name, revoked: identities.revokeTokens(params.name, new Date()) } };
      },
    }),
    plainRoute({
      method: 'post',
      path: '/admin/users/:name/password',
      operationId: 'setPassword',
      summary: 'Set or reset the sign-in password of a user of the admin’s org; their open sessions end',
      tag: 'administration',
      roles: ADMINS,
      params: { name: UserName },
      body: PasswordBody,
      success: { status: 200, description: 'Set; the user signs in with the new password from now on' },
      errors: [404],
      handler: async ({ user, params, body }) => {
        sameOrg(user.org, params.name);
        const { password } = body as Static<typeof PasswordBody>;
        checkPassword(params.name, password);
        identities.setPasswordHash(params.name, await hashPassword(password));
        return { body: { user: params.name, sessionsEnded: sessions.store.endAllOf(params.name) } };
      },
    }),
    plainRoute({
      method: 'delete',
      path: '/admin/users/:name/password',
      operationId: 'removePassword',
      summary: 'Remove the sign-in password of a user of the admin’s org and end their sessions (their tokens are left as they are)',
      tag: 'administration',
      roles: ADMINS,
      params: { name: UserName },
      success: { status: 200, description: 'Removed; the user can no longer sign in' },
      errors: [404],
      handler: async ({ user, params }) => {
        sameOrg(user.org, params.name);
        const removed = identities.removePassword(params.name);
        return { body: { user: params.name, removed, sessionsEnded: sessions.store.endAllOf(params.name) } };
      },
    }),
  ];
}
