import crypto from 'node:crypto';
import path from 'node:path';
import { ROLE_ISSUERS, ROLES, type MspId } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../app';
import { enrolUser, type NewUser } from '../fabric/enrolment';
import { ApiError } from '../http/api-error';
import type { AnyRoute } from '../http/route';
import { objectSchema } from '../http/validation';

const nameSchema = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{2,40}$' };
const fabricBin = process.env.RXCHAIN_FABRIC_BIN ?? path.resolve(__dirname, '..', '..', '..', '.fabric', 'bin');

/** Org admins enrol their own org's users through its CA and manage their tokens. */
export function userRoutes({ profile, identities }: AppDeps): AnyRoute[] {
  const sameOrg = (adminOrg: string, name: string) => {
    const target = identities.user(name);
    if (!target) throw new ApiError(404, 'NOT_FOUND', `no user ${name}`);
    if (target.org !== adminOrg) throw new ApiError(403, 'FORBIDDEN', `${name} belongs to another organisation`);
  };
  return [
    {
      method: 'post',
      path: '/admin/users',
      operationId: 'enrolUser',
      summary: 'Enrol a new user of the admin’s own org through its CA; returns the user’s first token',
      description: 'The attributes are written into the user’s certificate; the chaincode authorises from them.',
      tag: 'administration',
      roles: ['admin'],
      body: objectSchema(
        {
          name: nameSchema,
          role: { type: 'string', enum: [...ROLES] },
          region: { type: 'string', pattern: '^[0-9]{6}$' },
          institutionId: { type: 'string', pattern: '^[A-Z0-9-]{2,32}$' },
          licenceId: { type: 'string', pattern: '^[A-Z0-9-]{2,32}$' },
        },
        ['name', 'role'],
      ),
      success: { status: 201, description: 'Enrolled; the token is shown once and stored only as a hash' },
      errors: [409],
      handler: async ({ user, body }: { user: { org: string; mspId: string }; body: NewUser }) => {
        if (!ROLE_ISSUERS[body.role].includes(user.mspId as MspId)) {
          throw new ApiError(403, 'FORBIDDEN', `${user.mspId} may not issue the role ${body.role}`);
        }
        if (identities.user(body.name)) throw new ApiError(409, 'CONFLICT', `user ${body.name} already exists`);
        const record = await enrolUser(user.org, profile.orgs[user.org], body, crypto.randomBytes(16).toString('hex'), fabricBin);
        identities.addUser(body.name, record);
        const token = identities.issueToken(body.name, new Date());
        return { status: 201, body: { user: body.name, org: user.org, mspId: record.mspId, attrs: record.attrs, token } };
      },
    },
    {
      method: 'post',
      path: '/admin/users/:name/tokens',
      operationId: 'issueToken',
      summary: 'Issue a new bearer token for a user of the admin’s org',
      tag: 'administration',
      roles: ['admin'],
      params: { name: nameSchema },
      success: { status: 201, description: 'The new token, shown once' },
      errors: [404],
      handler: async ({ user, params }) => {
        sameOrg(user.org, params.name);
        return { status: 201, body: { user: params.name, token: identities.issueToken(params.name, new Date()) } };
      },
    },
    {
      method: 'delete',
      path: '/admin/users/:name/tokens',
      operationId: 'revokeTokens',
      summary: 'Revoke every token of a user of the admin’s org',
      tag: 'administration',
      roles: ['admin'],
      params: { name: nameSchema },
      success: { status: 200, description: 'Revoked' },
      errors: [404],
      handler: async ({ user, params }) => {
        sameOrg(user.org, params.name);
        return { body: { user: params.name, revoked: identities.revokeTokens(params.name, new Date()) } };
      },
    },
  ];
}
