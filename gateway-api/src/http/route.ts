import type { Response as ExpressResponse } from 'express';
import type { TSchema } from '@sinclair/typebox';
import type { AnyTx, ArgsOf, Role, TransientOf } from '@rxchain/chaincode/dist/shared';
import type { AuthenticatedUser } from '../fabric/identities';

export interface RouteRequest<B = unknown> {
  user: AuthenticatedUser;
  body: B;
  params: Record<string, string>;
  query: Record<string, string>;
  requestId: string;
  idempotencyKey?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Whether the request came over HTTPS (the session cookie is then Secure). */
  secure: boolean;
}

/** What a public route's handler gets: nobody is signed in yet. */
export type PublicRequest = Omit<RouteRequest, 'user' | 'params' | 'query' | 'idempotencyKey'>;

export interface RouteResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RouteBase {
  method: 'get' | 'post' | 'delete';
  /** Express-style path, e.g. /prescriptions/:id */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Status and description of the success response. */
  success: { status: number; description: string };
  /** Extra documented error statuses beyond the common ones. */
  errors?: number[];
  /** The success body's schema, for the OpenAPI document (gateway-own routes). */
  response?: TSchema;
  /** Status → the error codes it can carry and what each means, for the OpenAPI document (documented even if not in `errors`). */
  errorCodes?: Partial<Record<number, Record<string, string>>>;
  /** Long operations may run after a 202 when the client sends `Prefer: respond-async`. */
  async?: boolean;
}

/** An argument field the gateway fills when the client leaves it out: a record id for a create. */
export interface DerivedId<F extends string = string> {
  field: F;
  prefix: string;
  /**
   * Without an Idempotency-Key the id is random, or (`path`) derived from the path, for acts
   * that happen once per record anyway (paying a claim), so a plain retry cannot act twice.
   */
  withoutKey?: 'random' | 'path';
}

/** What a transaction route's own handler gets: the request mapped onto the transaction. */
export interface TxRequest<X extends AnyTx> extends RouteRequest {
  args: ArgsOf<X>;
  transient: TransientOf<X>;
}

/**
 * A route that calls one chaincode transaction. Its path parameters, query or body are the
 * transaction's argument field for field (the same schema objects), its roles are the access
 * table's, and without a handler it submits or evaluates the transaction once.
 */
export interface TxRoute<X extends AnyTx = AnyTx> extends RouteBase {
  tx: X;
  /** Path parameter → argument field it fills, e.g. { id: 'rxId' }; a parameter not listed fills the field of its own name. */
  pathArgs?: Record<string, keyof ArgsOf<X> & string>;
  derivedIds?: DerivedId<keyof ArgsOf<X> & string>[];
  /** Transient fields the gateway generates itself (the pseudonym salt), so the client does not send them. */
  gatewayTransient?: string[];
  /**
   * The argument the gateway fills with the signed-in patient observer's id (FT-05): observers
   * are gateway-only identities, so the request cannot name one; a caller who is not one gets 403.
   */
  observerArg?: keyof ArgsOf<X> & string;
  /** A write answers { [resultKey]: result, txId, blockNumber }; without a key the result's fields are spread. */
  resultKey?: string;
  handler?: (req: TxRequest<X>) => Promise<RouteResponse>;
}

/** A route of the gateway's own (enrolment, events, operations): its roles and schemas are its own. */
export interface PlainRoute extends RouteBase {
  roles: readonly Role[];
  params?: Record<string, TSchema>;
  query?: Record<string, TSchema>;
  body?: TSchema;
  handler: (req: RouteRequest) => Promise<RouteResponse>;
  /** Streams its own response (server-sent events) instead of returning JSON. */
  stream?: (req: RouteRequest, res: ExpressResponse) => Promise<void>;
}

/** A route anyone may call without credentials: signing in. No roles, no user, no idempotency replay. */
export interface PublicRoute extends RouteBase {
  public: true;
  roles: readonly [];
  body?: TSchema;
  handler: (req: PublicRequest) => Promise<RouteResponse>;
  stream?: undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route lists mix transactions of every type
export type AnyTxRoute = TxRoute<any>;
export type AnyRoute = AnyTxRoute | PlainRoute | PublicRoute;

export const isTxRoute = (route: AnyRoute): route is AnyTxRoute => 'tx' in route;
export const isPublicRoute = (route: AnyRoute): route is PublicRoute => 'public' in route;

/** Declares a transaction route with the transaction's types checked against the mapping. */
export const txRoute = <X extends AnyTx>(route: TxRoute<X>): TxRoute<X> => route;

/** Declares a gateway-own route (its handler's request typed as such). */
export const plainRoute = (route: PlainRoute): PlainRoute => route;

/** Declares a route that needs no credentials. */
export const publicRoute = (route: Omit<PublicRoute, 'public' | 'roles'>): PublicRoute => ({ ...route, public: true, roles: [] });
