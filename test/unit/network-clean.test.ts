import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '..', '..', 'scripts', 'network.sh');

function downClean(runDir: string): { status: number | null; output: string } {
  const res = spawnSync('bash', [script, 'down', '--clean'], { env: { ...process.env, RXCHAIN_RUN_DIR: runDir }, encoding: 'utf8' });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('network.sh down --clean (no processes involved)', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-clean-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('wipes a stopped network’s run folder', () => {
    const runDir = path.join(root, 'run');
    fs.mkdirSync(path.join(runDir, 'pids'), { recursive: true });
    fs.mkdirSync(path.join(runDir, 'orgs', 'hospital'), { recursive: true });
    fs.writeFileSync(path.join(runDir, '.state'), 'x');
    const { status, output } = downClean(runDir);
    expect(status, output).to.equal(0);
    expect(fs.existsSync(runDir)).to.equal(false);
  });

  it('leaves another network’s run folder nested inside it (.run/test) alone', () => {
    const runDir = path.join(root, 'run');
    fs.mkdirSync(path.join(runDir, 'logs'), { recursive: true });
    fs.mkdirSync(path.join(runDir, 'test', 'pids'), { recursive: true });
    fs.writeFileSync(path.join(runDir, 'test', 'pids', 'peer-hospital.pid'), '999999\n');
    const { status, output } = downClean(runDir);
    expect(status, output).to.equal(0);
    expect(fs.readdirSync(runDir)).to.deep.equal(['test']);
    expect(fs.existsSync(path.join(runDir, 'test', 'pids', 'peer-hospital.pid'))).to.equal(true);
  });
});
