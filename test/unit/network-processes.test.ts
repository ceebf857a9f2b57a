import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { logTail, node } from '../support/faults';

const root = path.resolve(__dirname, '..', '..');

/** Runs a bash snippet with scripts/lib/process.sh sourced, on a run folder of its own. */
function withProcessLib(runDir: string, snippet: string): { status: number | null; out: string } {
  const script = `set -euo pipefail
source "${root}/scripts/lib/common.sh"; source "${root}/scripts/lib/process.sh"
${snippet}`;
  const res = spawnSync('bash', ['-c', script], { env: { ...process.env, RXCHAIN_RUN_DIR: runDir }, encoding: 'utf8', timeout: 60_000 });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('network processes (scripts/lib/process.sh, no network)', () => {
  let dir: string;
  let fake: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-proc-'));
    // A binary of our own, so that the pid guard (the command line names the binary) is exercised.
    fake = path.join(dir, 'bin', 'fakenode');
    fs.mkdirSync(path.dirname(fake));
    fs.copyFileSync('/bin/sleep', fake);
  });
  afterEach(() => {
    withProcessLib(path.join(dir, 'run'), 'stop_process fake || true');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a started process counts as running the moment start_process returns, and its pid is its own', function () {
    this.timeout(60_000);
    // Before the fix, start_process returned as soon as it had forked: the pid still ran this
    // script's shell (or setsid) for a few milliseconds, and wait_for_port's is_running check could
    // find that command line and report the starting node as exited. This loop caught it in ~5 %
    // of starts on an idle machine, so 100 starts fail the old code with ~99 % certainty.
    const { status, out } = withProcessLib(path.join(dir, 'run'), `
      for i in $(seq 1 100); do
        start_process fake /tmp "${fake}" 30
        pid=$(head -1 "$(pid_file fake)")
        IFS= read -r -d '' argv0 <"/proc/$pid/cmdline" || true
        [ "$argv0" = "${fake}" ] || { echo "start $i: pid $pid runs '$argv0', not the binary, right after start_process"; exit 1; }
        is_running fake || { echo "start $i: not running right after start_process"; exit 1; }
        kill_process fake
      done`);
    expect(status, out).to.equal(0);
  });

  it('start_process fails, naming the log, when the binary cannot start', () => {
    // Not executable: setsid cannot exec it, so the pid never runs the binary. (A binary that
    // starts and then exits at once may be seen running first; wait_for_port catches that one.)
    fs.writeFileSync(fake, 'not a program\n', { mode: 0o644 });
    const { status, out } = withProcessLib(path.join(dir, 'run'), `start_process fake /tmp "${fake}"`);
    expect(status).to.equal(1);
    expect(out).to.match(/fake exited at once; see .*fake\.log/);
  });

  it('kill_process returns only once the process is gone, so its ports are free for a restart', () => {
    const { status, out } = withProcessLib(path.join(dir, 'run'), `
      start_process fake /tmp "${fake}" 30
      pid=$(head -1 "$(pid_file fake)")
      kill_process fake
      ! alive "$pid" || { echo "pid $pid still alive after kill_process"; exit 1; }
      [ ! -e "$(pid_file fake)" ] || { echo "pid file left behind"; exit 1; }`);
    expect(status, out).to.equal(0);
  });
});

describe('fault-test node control (test/support/faults.ts)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-node-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a failing node command throws with the command’s output and the last 30 lines of the node’s log', () => {
    fs.mkdirSync(path.join(dir, 'logs'));
    fs.writeFileSync(path.join(dir, 'logs', 'orderer9.log'), Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
    let message = '';
    try {
      node('start', 'orderer9', dir); // network.sh refuses a node the network does not have
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.match(/network\.sh node start orderer9 failed \(exit status \d+\)/);
    expect(message).to.include('no orderer orderer9 in this network');
    expect(message).to.include('line 40').and.include('line 11').and.not.match(/line 10\n/);
  });

  it('logTail reads only the end of a log, and says so when there is none', () => {
    const file = path.join(dir, 'big.log');
    fs.writeFileSync(file, `${'x'.repeat(200_000)}\n${Array.from({ length: 5 }, (_, i) => `tail ${i}`).join('\n')}\n`);
    expect(logTail(file, 3)).to.equal('tail 2\ntail 3\ntail 4');
    expect(logTail(path.join(dir, 'none.log'))).to.match(/no log at/);
  });
});
