/**
 * Deterministic JSON for world state: keys sorted at every depth, no whitespace, and no
 * fractional numbers (money is integer fen, quantities are integers). Every endorsing peer must
 * produce byte-identical write sets, so key order can never depend on how an object was built.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value, '$'));
}

function normalise(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new Error(`canonicalJson: ${path} is ${value}; state holds integers only`);
    }
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => normalise(item, `${path}[${i}]`));
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) {
        out[key] = normalise(field, `${path}.${key}`);
      }
    }
    return out;
  }
  throw new Error(`canonicalJson: ${path} has unsupported type ${typeof value}`);
}

export function toBytes(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

export function fromBytes<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}
