import { expect } from 'chai';
import { cpuBetween, cpuTicksOf, hostOf, kindOf, machineTicksOf, peakOf, rssKiBOf, type CpuSnapshot, type ProcessRef } from '../../bench/proc';

// Real /proc texts (trimmed), the second with a process name holding spaces and a parenthesis.
const PEER_STAT = '4242 (peer) S 1 4242 4242 0 -1 4194560 51234 0 0 0 1520 380 0 0 20 0 23 0 91234 2245492736 61234 18446744073709551615 1 1 0 0 0 0 0 0 2143420159 0 0 0 17 1 0 0 0 0 0';
const ODD_STAT = '77 (node (cc) x) R 1 77 77 0 -1 4194304 10 0 0 0 7 3 0 0 20 0 11 0 500 100 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0';
const STATUS = 'Name:\tpeer\nState:\tS (sleeping)\nVmPeak:\t 2300000 kB\nVmRSS:\t  245124 kB\nRssAnon:\t  200000 kB\n';
const PROC_STAT = 'cpu  1000 50 400 8000 100 10 20 30 0 0\ncpu0 500 25 200 4000 50 5 10 15 0 0\nintr 12345\n';

describe('bench: CPU and memory from /proc', () => {
  it('utime + stime from /proc/PID/stat, also when the process name holds spaces and parentheses', () => {
    expect(cpuTicksOf(PEER_STAT)).to.equal(1520 + 380);
    expect(cpuTicksOf(ODD_STAT)).to.equal(10);
    expect(() => cpuTicksOf('garbage')).to.throw(/not a \/proc\/PID\/stat line/);
  });

  it('VmRSS from /proc/PID/status, 0 when a zombie has none', () => {
    expect(rssKiBOf(STATUS)).to.equal(245124);
    expect(rssKiBOf('Name:\tx\nState:\tZ (zombie)\n')).to.equal(0);
  });

  it('the machine busy = all ticks but idle and iowait, from the aggregate cpu line', () => {
    expect(machineTicksOf(PROC_STAT)).to.deep.equal({ busy: 1000 + 50 + 400 + 10 + 20 + 30, total: 9610 });
    expect(() => machineTicksOf('intr 1\n')).to.throw(/no cpu line/);
  });

  it('the kind of a process from its pid file name', () => {
    const kinds = ['peer-hospital.pid', 'orderer1.pid', 'orderer3', 'cc-insurersh.pid', 'ca-ordererorg.pid', 'ca-hospital.pid', 'gateway.pid', 'postgres.pid'].map(kindOf);
    expect(kinds).to.deep.equal(['peer', 'orderer', 'orderer', 'chaincode', 'ca', 'ca', 'gateway', 'other']);
  });

  it('CPU ms per committed transaction per kind, the machine share, what is not ours, and the ceiling', () => {
    const processes: ProcessRef[] = [
      { name: 'peer-a', kind: 'peer', pid: 1 },
      { name: 'peer-b', kind: 'peer', pid: 2 },
      { name: 'orderer1', kind: 'orderer', pid: 3 },
      { name: 'gone', kind: 'ca', pid: 4 },
      { name: 'bench-driver', kind: 'driver', pid: 5 },
    ];
    // 10 s on 2 cores at 100 ticks/s: 2000 ticks of machine time.
    const before: CpuSnapshot = { ticks: { 'peer-a': 100, 'peer-b': 200, orderer1: 50, gone: 7, 'bench-driver': 0 }, machine: { busy: 1000, total: 5000 }, atMs: 0 };
    const after: CpuSnapshot = { ticks: { 'peer-a': 500, 'peer-b': 600, orderer1: 150, 'bench-driver': 100 }, machine: { busy: 2800, total: 7000 }, atMs: 10_000 };
    const cpu = cpuBetween(before, after, processes, 200, 2, 100);
    // peers 800 ticks = 8000 ms over 200 tx = 40 ms/tx; orderer 1000 ms → 5; driver 1000 ms → 5.
    expect(cpu.msPerTx).to.deep.equal({ peer: 40, orderer: 5, driver: 5 });
    expect(cpu.networkMsPerTx).to.equal(45);
    expect(cpu.msPerSecond).to.deep.equal({ peer: 800, orderer: 100, driver: 100 });
    // 1800 of 2000 ticks busy = 90 %; ours 1000 ticks = 50 %, so 40 % was someone else's.
    expect(cpu.machineBusy).to.equal(0.9);
    expect(cpu.oursBusy).to.equal(0.5);
    expect(cpu.notOursBusy).to.equal(0.4);
    expect(cpu.ceilingTxPerSecond).to.equal(44.4);
    expect(cpu.ceilingWithDriverTxPerSecond).to.equal(40);
  });

  it('with one organisation per host: an org\'s peer, chaincode server and CA share its host; orderers and the gateway have their own', () => {
    expect(['peer-hospital', 'cc-hospital', 'ca-hospital', 'orderer2', 'gateway', 'bench-driver'].map(hostOf)).to.deep.equal(['hospital', 'hospital', 'hospital', 'orderer2', 'gateway', undefined]);
    const processes: ProcessRef[] = [
      { name: 'peer-a', kind: 'peer', pid: 1 },
      { name: 'cc-a', kind: 'chaincode', pid: 2 },
      { name: 'peer-b', kind: 'peer', pid: 3 },
      { name: 'orderer1', kind: 'orderer', pid: 4 },
      { name: 'bench-driver', kind: 'driver', pid: 5 },
    ];
    const before: CpuSnapshot = { ticks: { 'peer-a': 0, 'cc-a': 0, 'peer-b': 0, orderer1: 0, 'bench-driver': 0 }, machine: { busy: 0, total: 2000 }, atMs: 0 };
    const after: CpuSnapshot = { ticks: { 'peer-a': 300, 'cc-a': 100, 'peer-b': 200, orderer1: 50, 'bench-driver': 900 }, machine: { busy: 1500, total: 4000 }, atMs: 10_000 };
    const cpu = cpuBetween(before, after, processes, 100, 2, 100);
    // host a: (300 + 100) ticks = 4000 ms over 100 tx; b 2000 ms; orderer1 500 ms; the driver is on no host.
    expect(cpu.msPerTxByHost).to.deep.equal({ a: 40, b: 20, orderer1: 5 });
    expect(cpu.busiestHost).to.deep.equal({ host: 'a', msPerTx: 40 });
    expect(cpu.ceilingOneOrgPerHostTxPerSecond).to.equal(50);
  });

  it('no committed transactions: no per-tx figures and no ceiling, rather than dividing by zero', () => {
    const p: ProcessRef[] = [{ name: 'peer-a', kind: 'peer', pid: 1 }];
    const cpu = cpuBetween({ ticks: { 'peer-a': 0 }, machine: { busy: 0, total: 100 }, atMs: 0 }, { ticks: { 'peer-a': 10 }, machine: { busy: 50, total: 200 }, atMs: 1000 }, p, 0, 2, 100);
    expect([cpu.msPerTx.peer, cpu.ceilingTxPerSecond, cpu.ceilingOneOrgPerHostTxPerSecond, cpu.busiestHost]).to.deep.equal([0, 0, 0, undefined]);
  });

  it('peak RSS kind by kind', () => {
    expect(peakOf({ peer: 900, gateway: 200, network: 1100 }, { peer: 800, gateway: 300, ca: 40, network: 1140 })).to.deep.equal({ peer: 900, gateway: 300, ca: 40, network: 1140 });
  });
});
