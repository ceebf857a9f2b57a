import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { en } from '../../console/src/i18n/en';
import { zhCN } from '../../console/src/i18n/zh-CN';

const src = path.resolve(__dirname, '..', '..', 'console', 'src');

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key.split('.').reduce<string | Tree | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every key the code names: t('a.b'), t(`a.${x}`) (a prefix), and menu labels 'menu.x.y'. */
function keysUsed(): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sources(src)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z0-9.-]+)'/g)) exact.add(m[1]);
    for (const m of text.matchAll(/\bt\(`([a-zA-Z]+(?:\.[a-zA-Z]+)*)\.\$\{/g)) prefixes.add(m[1]);
    for (const m of text.matchAll(/label: '(menu\.[a-z]+\.[a-zA-Z]+)'/g)) exact.add(m[1]);
  }
  return { exact, prefixes };
}

describe('console: the dictionaries', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    expect(keysOf(en as Tree).sort()).to.deep.equal(keysOf(zhCN as Tree).sort());
    for (const key of keysOf(zhCN as Tree)) expect(String(lookup(zhCN as Tree, key)).trim(), key).to.not.equal('');
  });

  it('hold every key the screens use', () => {
    const { exact, prefixes } = keysUsed();
    expect(exact.size).to.be.greaterThan(100);
    for (const key of exact) {
      expect(typeof lookup(zhCN as Tree, key), `zh-CN ${key}`).to.equal('string');
      expect(typeof lookup(en as Tree, key), `en ${key}`).to.equal('string');
    }
    for (const prefix of prefixes) expect(typeof lookup(zhCN as Tree, prefix), `zh-CN ${prefix}.*`).to.equal('object');
  });
});
