/**
 * Argument parsing and party checks shared by the claims-and-settlement contracts. Transaction
 * arguments arrive as strings (structured input as JSON); everything is checked here before any
 * state is read, and every refusal names the offending field.
 */
import type { Context } from 'fabric-contract-api';
import { requireAttr, requireRole } from '../ledger/caller';
import { forbidden, validationError } from '../ledger/errors';
import type { Actor } from '../model/audit';
import { MSP } from '../model/organisations';
import { isIsoDate } from '../rules/dates';

export const ID_RE = /^[A-Za-z0-9._:-]{1,64}$/;
export const ID_RULE = '1-64 letters, digits, dot, colon, dash or underscore';
export const PARTY_RE = /^[A-Za-z0-9._:-]{1,80}$/;
export const REGION_RE = /^\d{6}$/;
export const REGION_RULE = 'a six-digit administrative code';
export const HASH_RE = /^[0-9a-f]{64}$/;
export const HASH_RULE = '64 lowercase hex digits (sha256)';
/** The chain-wide patient pseudonym: a hex HMAC-SHA256 (rules/patient-ref.ts), so claims match prescriptions and dispenses. */
export const PATIENT_REF_RE = /^[0-9a-f]{64}$/;
export const PATIENT_REF_RULE = '64 lowercase hex digits (a patientRef)';
/** 1 000 000 000 CNY in fen: far above any real bill, low enough that fen × 10 000 bp stays a safe integer. */
export const MAX_FEN = 100_000_000_000;

type Json = Record<string, unknown>;

/** A JSON object argument read field by field; unknown fields are refused so typos cannot pass silently. */
export class Fields {
  private constructor(
    private readonly value: Json,
    private readonly path: string,
  ) {}

  static parse(text: string, name: string, allowed: readonly string[]): Fields {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw validationError(`${name} must be a JSON object`);
    }
    return Fields.of(value, name, allowed);
  }

  static of(value: unknown, path: string, allowed: readonly string[]): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError(`${path} must be an object`);
    const extra = Object.keys(value).filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw validationError(`${path} has unknown field(s): ${extra.join(', ')}`);
    return new Fields(value as Json, path);
  }

  private at(name: string): string {
    return `${this.path}.${name}`;
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  raw(name: string): unknown {
    if (!this.has(name)) throw validationError(`${this.at(name)} is required`);
    return this.value[name];
  }

  str(name: string, pattern: RegExp, rule: string): string {
    const value = this.raw(name);
    if (typeof value !== 'string' || !pattern.test(value)) throw validationError(`${this.at(name)} must be ${rule}`);
    return value;
  }

  int(name: string, min: number, max: number): number {
    const value = this.raw(name);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      throw validationError(`${this.at(name)} must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  bool(name: string): boolean {
    const value = this.raw(name);
    if (typeof value !== 'boolean') throw validationError(`${this.at(name)} must be true or false`);
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.raw(name);
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw validationError(`${this.at(name)} must be one of ${values.join(', ')}`);
    }
    return value as T;
  }

  date(name: string): string {
    const value = this.raw(name);
    if (typeof value !== 'string' || !isIsoDate(value)) throw validationError(`${this.at(name)} must be a date YYYY-MM-DD`);
    return value;
  }

  obj(name: string, allowed: readonly string[]): Fields {
    return Fields.of(this.raw(name), this.at(name), allowed);
  }

  list(name: string, min: number, max: number): unknown[] {
    const value = this.raw(name);
    if (!Array.isArray(value) || value.length < min || value.length > max) {
      throw validationError(`${this.at(name)} must be a list of ${min} to ${max} entries`);
    }
    return value;
  }

  objects(name: string, min: number, max: number, allowed: readonly string[]): Fields[] {
    return this.list(name, min, max).map((item, i) => Fields.of(item, `${this.at(name)}[${i}]`, allowed));
  }

  /** A list of distinct strings, each matching the pattern. */
  strings(name: string, min: number, max: number, pattern: RegExp, rule: string): string[] {
    const items = this.list(name, min, max);
    items.forEach((item, i) => {
      if (typeof item !== 'string' || !pattern.test(item)) throw validationError(`${this.at(name)}[${i}] must be ${rule}`);
    });
    const strings = items as string[];
    const duplicate = strings.find((s, i) => strings.indexOf(s) !== i);
    if (duplicate !== undefined) throw validationError(`${this.at(name)} lists ${duplicate} twice`);
    return strings;
  }

  /** The field read by `read`, or undefined when absent or null. */
  optional<T>(name: string, read: (name: string) => T): T | undefined {
    return this.has(name) ? read(name) : undefined;
  }
}

/** A plain string argument that must match a pattern. */
export function arg(value: string, name: string, pattern: RegExp, rule: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw validationError(`${name} must be ${rule}`);
  return value;
}

export function dateArg(value: string, name: string): string {
  if (typeof value !== 'string' || !isIsoDate(value)) throw validationError(`${name} must be a date YYYY-MM-DD`);
  return value;
}

export function oneOfArg<T extends string>(value: string, name: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(value)) throw validationError(`${name} must be one of ${values.join(', ')}`);
  return value as T;
}

export function textArg(value: string, name: string, max: number, required: boolean): string {
  if (typeof value !== 'string' || value.length > max || (required && value.trim() === '')) {
    throw validationError(`${name} must be ${required ? '1' : '0'} to ${max} characters`);
  }
  return value;
}

/** Staff of a hospital or pharmacy, acting for their institution in their region. */
export interface Staff {
  actor: Actor;
  institutionId: string;
  region: string;
  kind: 'hospital' | 'pharmacy';
}

export function requireInstitutionStaff(ctx: Context): Staff {
  const actor = requireRole(ctx, 'admin', 'doctor', 'pharmacist');
  if (actor.mspId !== MSP.hospital && actor.mspId !== MSP.pharmacy) {
    throw forbidden(`only hospital or pharmacy staff may do this, not members of ${actor.mspId}`);
  }
  return {
    actor,
    institutionId: requireAttr(actor, 'institutionId'),
    region: requireAttr(actor, 'region'),
    kind: actor.mspId === MSP.hospital ? 'hospital' : 'pharmacy',
  };
}

/** An insurer and the region it acts for (callerOf has matched the region to the MSP). */
export function requireInsurer(ctx: Context): { actor: Actor; region: string } {
  const actor = requireRole(ctx, 'insurer');
  return { actor, region: requireAttr(actor, 'region') };
}

/** Staff of the given institution (any hospital or pharmacy role). */
export function isStaffOf(actor: Actor, institutionId: string): boolean {
  return (actor.mspId === MSP.hospital || actor.mspId === MSP.pharmacy) && actor.institutionId === institutionId;
}

export function isInsurerOf(actor: Actor, ...regions: string[]): boolean {
  return actor.role === 'insurer' && actor.region !== undefined && regions.includes(actor.region);
}
