import type { Request } from 'express';
import type { AuthenticatedUser, IdentityStore } from '../fabric/identities';
import { ApiError } from './api-error';

/** The user behind the request's bearer token, or a 401. */
export function authenticate(req: Request, store: IdentityStore): AuthenticatedUser {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'send Authorization: Bearer <token>', [], { 'WWW-Authenticate': 'Bearer' });
  }
  const user = store.authenticate(match[1]);
  if (!user) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'unknown or revoked token', [], { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  return user;
}
