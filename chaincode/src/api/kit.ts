/**
 * The building blocks of every argument schema. Each is a JSON Schema object (TypeBox) with its
 * static type, shared by the chaincode, which parses its arguments with them, and the gateway,
 * which validates requests and renders OpenAPI from the very same objects. A `description`
 * doubles as the rule a refusal quotes: "must be <description>".
 */
import { FormatRegistry, Type, type TLiteral, type TObject, type TProperties, type TSchema, type TString, type TUnion } from '@sinclair/typebox';
import { isIsoDate } from '../rules/dates';

FormatRegistry.Set('date', isIsoDate);

/** 1 000 000 000 CNY in fen: far above any real bill, low enough that fen × 10 000 bp stays a safe integer. */
export const MAX_FEN = 100_000_000_000;
export const MAX_PAGE_SIZE = 200;
export const MAX_BOOKMARK = 1024;

const NO_CONTROL = '[^\\x00-\\x1f\\x7f-\\x9f]';

export const Id = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,64}$', description: '1-64 letters, digits, dot, colon, dash or underscore' });
/** Drug codes (NHSA codes are 20-odd alphanumerics) and generic-group codes. */
export const Code = Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$', description: '1-40 letters, digits, dot, dash or underscore' });
/** ICD-10 style codes, including the Chinese clinical edition's suffixes such as I10.x00x002. */
export const Diagnosis = Type.String({ pattern: '^[A-Z][0-9A-Za-z.]{1,15}$', description: 'a diagnosis code: a capital letter then 1-15 letters, digits or dots' });
/** The start of ICD-10 codes: 'J00' covers J00 and J00.x; 'E1' covers E10 to E19. */
export const DiagnosisPrefix = Type.String({ pattern: '^[A-Z][0-9A-Za-z.]{0,15}$', description: 'a diagnosis-code prefix: a capital letter then up to 15 letters, digits or dots' });
export const RuleId = Type.String({ pattern: '^[A-Z]{2,4}-[0-9]{2}[a-z]?$', description: 'a rule id such as CR-01' });
/** The chain-wide patient pseudonym: hex HMAC-SHA256 (rules/patient-ref.ts). */
export const PatientRef = Type.String({ pattern: '^[0-9a-f]{64}$', description: '64 lowercase hex digits (a patientRef)' });
export const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$', description: '64 lowercase hex digits (sha256)' });
/** GB/T 2260 administrative division code. */
export const Region = Type.String({ pattern: '^[0-9]{6}$', description: 'a six-digit administrative code' });
/** An institution id or a fund, fund:<region>. */
export const Party = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,80}$', description: 'an institution id or fund:<region>' });
export const Fund = Type.String({ pattern: '^fund:[0-9]{6}$', description: 'fund:<six-digit region>' });
export const PaymentRef = Type.String({ pattern: '^[A-Za-z0-9._:/-]{1,128}$', description: '1-128 letters, digits, dot, colon, slash, dash or underscore' });
export const IsoDate = Type.String({ format: 'date', description: 'a date YYYY-MM-DD' });
export const Fen = Type.Integer({ minimum: 0, maximum: MAX_FEN });
export const RatioBp = Type.Integer({ minimum: 0, maximum: 10_000 });

/** Free text without control characters and not blank: reasons, references, labels (often Chinese). */
export const Text = (maxLength: number): TString =>
  Type.String({ minLength: 1, maxLength, pattern: `^(?=[\\s\\S]*\\S)${NO_CONTROL}+$`, description: `1 to ${maxLength} characters without control characters` });

/** One of a fixed list of strings, as an anyOf of constants (what TypeBox checks and OpenAPI shows). */
export function OneOf<const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)));
}

/** A list of distinct strings. */
export const Distinct = <S extends TSchema>(items: S, minItems: number, maxItems: number) =>
  Type.Array(items, { minItems, maxItems, uniqueItems: true });

export const PageSize = Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: `a page size from 1 to ${MAX_PAGE_SIZE}` });
/** Bookmarks are opaque ledger keys (with NUL separators), so only their type and length are checked. */
export const Bookmark = Type.String({ maxLength: MAX_BOOKMARK, description: `the bookmark of the previous page (at most ${MAX_BOOKMARK} characters)` });
/** The paging arguments of every list query; the page size defaults to 50. */
export const Paging = { pageSize: Type.Optional(PageSize), bookmark: Type.Optional(Bookmark) };

/** A closed object: unknown fields are refused so typos cannot pass silently. */
export const Closed = <P extends TProperties>(properties: P): TObject<P> => Type.Object(properties, { additionalProperties: false });

/** The arguments of a transaction that takes none. */
export const NoArgs = Closed({});
