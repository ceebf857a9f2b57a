import type { Response as ExpressResponse } from 'express';
import type { Role } from '@rxchain/chaincode/dist/shared';
import type { AuthenticatedUser } from '../fabric/identities';

/** A JSON Schema (draft 2020-12 subset) as used by ajv and by OpenAPI 3.1. */
export type Schema = Record<string, unknown>;

export interface RouteRequest<B = unknown> {
  user: AuthenticatedUser;
  body: B;
  params: Record<string, string>;
  query: Record<string, string>;
  requestId: string;
  idempotencyKey?: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface RouteResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * One REST operation. The same definition registers the Express handler, validates the
 * request and generates the OpenAPI document, so the published contract cannot drift.
 */
export interface RouteSpec<B = unknown> {
  method: 'get' | 'post' | 'delete';
  /** Express-style path, e.g. /prescriptions/:id */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Roles allowed to call; the chaincode enforces them again. */
  roles: Role[];
  params?: Record<string, Schema>;
  query?: Record<string, Schema>;
  body?: Schema;
  /** Status and description of the success response, with its schema. */
  success: { status: number; description: string; schema?: Schema };
  /** Extra documented error statuses beyond the common ones. */
  errors?: number[];
  handler: (req: RouteRequest<B>) => Promise<RouteResponse>;
  /** Streams its own response (server-sent events) instead of returning JSON. */
  stream?: (req: RouteRequest<B>, res: ExpressResponse) => Promise<void>;
  /** Long operations may run after a 202 when the client sends `Prefer: respond-async`. */
  async?: boolean;
}

// Route modules collect specs of different body types in one list; the handler's body type is
// enforced by the schema validation in front of it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any>;
