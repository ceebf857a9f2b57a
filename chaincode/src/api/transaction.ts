/**
 * A transaction as both sides see it: its id, whether it writes, the schema of its one JSON
 * argument, the schemas of its transient fields, and (as a type only) what it returns. The
 * contract parses with these schemas, the gateway validates requests and renders OpenAPI with
 * them, and typed clients call through them, so the three cannot drift apart.
 */
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { TxId } from './access';

/** Carries a transaction's result type; it has no value at run time. */
export interface Returns<R> {
  readonly __returns?: R;
}
export const returns = <R>(): Returns<R> => ({});

export interface TxDef<A extends TObject = TObject, R = unknown, T extends TObject | undefined = TObject | undefined, S extends boolean = boolean> {
  readonly id: TxId;
  /** Contract name and function, as Fabric addresses them: id = `${contract}:${fn}`. */
  readonly contract: string;
  readonly fn: string;
  /** Writes the ledger (submitted and ordered) or only reads it (evaluated on one peer). */
  readonly submit: S;
  /** The transaction's single argument, a JSON object. */
  readonly args: A;
  /** Fields sent in the transient map: never written to a block. */
  readonly transient: T;
  readonly result: Returns<R>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the widest TxDef, for collections of different transactions
export type AnyTx = TxDef<TObject, any, TObject | undefined>;
export type ArgsOf<X extends AnyTx> = Static<X['args']>;
export type ResultOf<X extends AnyTx> = X['result'] extends Returns<infer R> ? R : never;
export type TransientOf<X extends AnyTx> = X['transient'] extends TObject ? Static<X['transient']> : undefined;

interface TxSpec<A extends TObject, R, T extends TObject | undefined> {
  args: A;
  transient?: T;
  result: Returns<R>;
}

function define<A extends TObject, R, T extends TObject | undefined, S extends boolean>(id: TxId, submit: S, spec: TxSpec<A, R, T>): TxDef<A, R, T, S> {
  const [contract, fn] = id.split(':');
  return { id, contract, fn, submit, args: spec.args, transient: spec.transient as T, result: spec.result };
}

/** A transaction that writes. */
export const submitTx = <A extends TObject, R, T extends TObject | undefined = undefined>(id: TxId, spec: TxSpec<A, R, T>): TxDef<A, R, T, true> =>
  define(id, true, spec);

/** A transaction that only reads. */
export const evaluateTx = <A extends TObject, R, T extends TObject | undefined = undefined>(id: TxId, spec: TxSpec<A, R, T>): TxDef<A, R, T, false> =>
  define(id, false, spec);

/** How a transient field travels: strings as they are, anything else as JSON. */
export function encodeTransient(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

export function isStringSchema(schema: TSchema): boolean {
  return (schema as { type?: unknown }).type === 'string';
}
