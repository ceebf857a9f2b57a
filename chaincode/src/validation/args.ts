/**
 * Argument parsing for the prescription-side contracts. Transaction arguments arrive as strings
 * (structured input as JSON) from a gateway the chaincode does not trust, so every field is
 * checked here before any state is read, unknown fields are refused, and every refusal names
 * the field it is about — never the value, which may be patient data.
 */
import { validationError } from '../ledger/errors';
import { isIsoDate } from '../rules/dates';

export interface Pattern {
  re: RegExp;
  rule: string;
}

export const ID: Pattern = { re: /^[A-Za-z0-9._:-]{1,64}$/, rule: '1-64 letters, digits, dot, colon, dash or underscore' };
/** Drug codes (NHSA codes are 20-odd alphanumerics) and generic-group codes. */
export const CODE: Pattern = { re: /^[A-Za-z0-9._-]{1,40}$/, rule: '1-40 letters, digits, dot, dash or underscore' };
/** ICD-10 style codes, including the Chinese clinical edition's suffixes such as I10.x00x002. */
export const DIAGNOSIS: Pattern = { re: /^[A-Z][0-9A-Za-z.]{1,15}$/, rule: 'a diagnosis code: a capital letter then 1-15 letters, digits or dots' };
/** Rule ids such as CR-01 or SR-04. */
export const RULE_ID: Pattern = { re: /^[A-Z]{2,4}-\d{2}[a-z]?$/, rule: 'a rule id such as CR-01' };
/** A patientRef is the hex HMAC-SHA256 the Prescription contract derives. */
export const PATIENT_REF: Pattern = { re: /^[0-9a-f]{64}$/, rule: '64 lowercase hex digits (a patientRef)' };

/** Short labels such as practice-scope names, often Chinese (内科专业). */
export const LABEL: Pattern = { re: /^\P{Cc}{1,64}$/u, rule: '1-64 characters without control characters' };

const CONTROL_CHARS = /\p{Cc}/u;

type Json = Record<string, unknown>;

/** A JSON object read field by field. */
export class Obj {
  private constructor(
    private readonly value: Json,
    readonly path: string,
  ) {}

  static parse(text: string, name: string, allowed: readonly string[]): Obj {
    if (typeof text !== 'string') throw validationError(`${name} must be a JSON object string`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw validationError(`${name} must be a JSON object`);
    }
    return Obj.of(value, name, allowed);
  }

  static of(value: unknown, path: string, allowed: readonly string[]): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError(`${path} must be an object`);
    const extra = Object.keys(value).filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw validationError(`${path} has unknown field(s): ${extra.join(', ')}`);
    return new Obj(value as Json, path);
  }

  at(name: string): string {
    return `${this.path}.${name}`;
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  private raw(name: string): unknown {
    if (!this.has(name)) throw validationError(`${this.at(name)} is required`);
    return this.value[name];
  }

  str(name: string, pattern: Pattern): string {
    return checkStr(this.raw(name), this.at(name), pattern);
  }

  text(name: string, max: number): string {
    return checkText(this.raw(name), this.at(name), max);
  }

  int(name: string, min: number, max: number): number {
    return checkInt(this.raw(name), this.at(name), min, max);
  }

  /** A calendar date YYYY-MM-DD. */
  date(name: string): string {
    const value = this.raw(name);
    if (typeof value !== 'string' || !isIsoDate(value)) throw validationError(`${this.at(name)} must be a date YYYY-MM-DD`);
    return value;
  }

  bool(name: string): boolean {
    const value = this.raw(name);
    if (typeof value !== 'boolean') throw validationError(`${this.at(name)} must be true or false`);
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    return checkOneOf(this.raw(name), this.at(name), values);
  }

  obj(name: string, allowed: readonly string[]): Obj {
    return Obj.of(this.raw(name), this.at(name), allowed);
  }

  objects(name: string, min: number, max: number, allowed: readonly string[]): Obj[] {
    return checkList(this.raw(name), this.at(name), min, max).map((item, i) => Obj.of(item, `${this.at(name)}[${i}]`, allowed));
  }

  /** A list of distinct strings, each matching the pattern. */
  strings(name: string, min: number, max: number, pattern: Pattern): string[] {
    return checkStrings(this.raw(name), this.at(name), min, max, pattern);
  }

  /** The field read by `read`, or undefined when absent or null. */
  optional<T>(name: string, read: (name: string) => T): T | undefined {
    return this.has(name) ? read(name) : undefined;
  }
}

function checkStr(value: unknown, name: string, pattern: Pattern): string {
  if (typeof value !== 'string' || !pattern.re.test(value)) throw validationError(`${name} must be ${pattern.rule}`);
  return value;
}

function checkText(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max || CONTROL_CHARS.test(value)) {
    throw validationError(`${name} must be 1 to ${max} characters without control characters`);
  }
  return value;
}

function checkInt(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw validationError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function checkList(value: unknown, name: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw validationError(`${name} must be a list of ${min} to ${max} entries`);
  }
  return value;
}

function checkStrings(value: unknown, name: string, min: number, max: number, pattern: Pattern): string[] {
  const items = checkList(value, name, min, max).map((item, i) => checkStr(item, `${name}[${i}]`, pattern));
  const duplicate = items.find((s, i) => items.indexOf(s) !== i);
  if (duplicate !== undefined) throw validationError(`${name} lists ${duplicate} twice`);
  return items;
}

function checkOneOf<T extends string>(value: unknown, name: string, values: readonly T[]): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw validationError(`${name} must be one of ${values.join(', ')}`);
  }
  return value as T;
}

/** A plain string argument matching a pattern. */
export function idArg(value: string, name: string, pattern: Pattern = ID): string {
  return checkStr(value, name, pattern);
}

/** A required free-text argument: reasons, references. */
export function textArg(value: string, name: string, max: number): string {
  return checkText(value, name, max);
}

/** An integer passed as a decimal string argument, e.g. "15". */
export function intArg(value: string, name: string, min: number, max: number): number {
  if (typeof value !== 'string' || !/^-?\d{1,16}$/.test(value)) throw validationError(`${name} must be an integer from ${min} to ${max}`);
  return checkInt(Number(value), name, min, max);
}

export function oneOfArg<T extends string>(value: string, name: string, values: readonly T[]): T {
  return checkOneOf(value, name, values);
}

/** A JSON array of distinct strings passed as one argument, e.g. '["cardiology"]'. */
export function stringListArg(text: string, name: string, min: number, max: number, pattern: Pattern): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationError(`${name} must be a JSON array of strings`);
  }
  return checkStrings(value, name, min, max, pattern);
}
