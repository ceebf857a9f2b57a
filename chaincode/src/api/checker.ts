/**
 * Checks a value against a shared schema and names every offending field, never its value
 * (which may be patient data). The chaincode and the gateway both check with this, so a
 * request the gateway lets through is one the chaincode accepts, and their messages agree.
 */
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { FieldError } from '../ledger/errors';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkerOf(schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

/** '/feeLines/0/category' under root 'body' → 'body.feeLines[0].category'. */
function fieldOf(root: string, pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = root;
  for (const part of parts) field = /^\d+$/.test(part) ? `${field}[${part}]` : field ? `${field}.${part}` : part;
  return field || '(value)';
}

function messageOf(error: ValueError): string {
  const s = error.schema as Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not an allowed field';
    case ValueErrorType.ArrayUniqueItems:
      return 'must not list an entry twice';
    default:
      break;
  }
  if (Array.isArray(s.anyOf)) {
    const values = (s.anyOf as { const?: unknown }[]).map((a) => a.const).filter((v) => v !== undefined);
    if (values.length > 0) return `must be one of ${values.join(', ')}`;
  }
  if (typeof s.description === 'string') return `must be ${s.description}`;
  switch (s.type) {
    case 'integer':
      return `must be an integer from ${String(s.minimum ?? '')} to ${String(s.maximum ?? '')}`;
    case 'string':
      return `must be ${String(s.minLength ?? 0)} to ${String(s.maxLength ?? '')} characters`;
    case 'array':
      return `must be a list of ${String(s.minItems ?? 0)} to ${String(s.maxItems ?? '')} entries`;
    case 'boolean':
      return 'must be true or false';
    case 'object':
      return 'must be an object';
    default:
      return 'is invalid';
  }
}

/** Every offending field, first error per field; empty when the value conforms. */
export function fieldErrors(schema: TSchema, value: unknown, root = ''): FieldError[] {
  const check = checkerOf(schema);
  if (check.Check(value)) return [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const error of check.Errors(value)) {
    const field = fieldOf(root, error.path);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: messageOf(error) });
  }
  return errors;
}
