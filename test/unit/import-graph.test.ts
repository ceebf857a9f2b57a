import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The layering the redesign promises, checked on the source itself: no import cycles (type-only
 * imports count: a cycle in what a reader must understand first is a cycle), and no contract
 * imports another contract (they share stores, rules and ledger helpers instead).
 */
const root = path.resolve(__dirname, '..', '..');
const SOURCES = ['chaincode/src', 'gateway-api/src'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g;

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const dir of SOURCES) {
    for (const file of filesUnder(path.join(root, dir))) {
      const text = fs.readFileSync(file, 'utf8');
      const targets = [...text.matchAll(IMPORT_RE)].map((m) => resolveImport(file, m[1])).filter((t): t is string => t !== undefined);
      edges.set(file, targets);
    }
  }
  return edges;
}

function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'visiting') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return found;
}

const rel = (file: string): string => path.relative(root, file);

describe('source layering', () => {
  const edges = graph();

  it('has no import cycles in the chaincode or the gateway', () => {
    expect(cycles(edges).map((cycle) => cycle.map(rel).join(' → '))).to.deep.equal([]);
  });

  it('lets no contract import another contract', () => {
    const crossings: string[] = [];
    for (const [file, targets] of edges) {
      if (!file.includes(`${path.sep}contracts${path.sep}`)) continue;
      for (const target of targets) {
        if (target.includes(`${path.sep}contracts${path.sep}`)) crossings.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    expect(crossings).to.deep.equal([]);
  });

  it('finds the cycles it is meant to find', () => {
    const a = path.join(root, 'a.ts');
    const b = path.join(root, 'b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]])).length).to.equal(1);
    expect(cycles(new Map([[a, [b]], [b, []]]))).to.deep.equal([]);
  });
});
