/**
 * The network scripts' way to the definition (scripts/lib/topology.sh, network.sh, org-add.sh):
 *   topology <definition.yaml|json>        bash arrays on stdout
 *   init <run-dir> <definition.yaml>       the run's copy (<run>/network/definition.json + topology.sh), once
 *   pending <run-dir> <org.yaml>           "exists <key> (<msp>)" when the org is in the run's definition; else
 *                                          writes <run>/network/pending-<key>.{json,sh} (the definition
 *                                          with the org added) and prints "pending <key>"
 *   promote <run-dir> <key>                makes the pending definition the run's
 *   users <run-dir> <users.json>           every demo user: users.json's and the added orgs', as JSON
 * A definition error exits 2 with the field that is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DefinitionError, loadRunDefinition, parseDefinition, parseOrganisation, runDefinitionFile, toBash, withOrganisation, type NetworkDefinition } from './definition';

function read(file: string): string {
  if (!fs.existsSync(file)) throw new DefinitionError(`${file}: no such file`);
  return fs.readFileSync(file, 'utf8');
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

function writeRun(runDir: string, def: NetworkDefinition, base = 'definition', shell = 'topology'): void {
  write(path.join(runDir, 'network', `${shell}.sh`), toBash(def));
  write(path.join(runDir, 'network', `${base}.json`), `${JSON.stringify(def, null, 2)}\n`);
}

function main(argv: string[]): void {
  const [cmd, a, b] = argv;
  switch (cmd) {
    case 'topology':
      process.stdout.write(toBash(parseDefinition(read(a), a)));
      return;
    case 'init':
      if (!fs.existsSync(runDefinitionFile(a))) writeRun(a, parseDefinition(read(b), b));
      return;
    case 'pending': {
      const org = parseOrganisation(read(b), b);
      const { def, exists } = withOrganisation(loadRunDefinition(a), org);
      if (exists) {
        process.stdout.write(`exists ${org.key} (${org.msp})\n`);
        return;
      }
      writeRun(a, def, `pending-${org.key}`, `pending-${org.key}`);
      process.stdout.write(`pending ${org.key}\n`);
      return;
    }
    case 'promote': {
      const pending = path.join(a, 'network', `pending-${b}.json`);
      writeRun(a, parseDefinition(read(pending), pending));
      fs.rmSync(pending);
      fs.rmSync(path.join(a, 'network', `pending-${b}.sh`));
      return;
    }
    case 'users': {
      const founding = (JSON.parse(read(b)) as { users: { name: string; org: string; attrs: Record<string, string> }[] }).users;
      const added = loadRunDefinition(a).organisations.flatMap((o) => (o.users ?? []).map((u) => ({ ...u, org: o.key })));
      process.stdout.write(`${JSON.stringify({ users: [...founding, ...added] })}\n`);
      return;
    }
    default:
      throw new DefinitionError(`usage: definition-cli.ts topology|init|pending|promote|users ... (got ${cmd ?? 'nothing'})`);
  }
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof DefinitionError)) throw err;
  process.stderr.write(`network definition error: ${err.message}\n`);
  process.exit(2);
}
