import { expect } from 'chai';
import { boundedMap } from '../../bench/bounded-map';

const tick = () => new Promise((r) => setImmediate(r));

describe('bench: boundedMap', () => {
  it('keeps the items\' order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await boundedMap([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, ++inFlight);
      for (let k = 0; k < n; k++) await tick();
      inFlight--;
      return n * 10;
    });
    expect(out).to.deep.equal([50, 10, 40, 20, 30]);
    expect(most).to.equal(2);
  });

  it('starts nothing new once stopped, and lets those in flight finish', async () => {
    const started: number[] = [];
    let stop = false;
    const out = await boundedMap([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      if (n === 2) stop = true;
      await tick();
      return n;
    }, () => stop);
    expect(started).to.deep.equal([1, 2]);
    expect(out.slice(0, 2)).to.deep.equal([1, 2]);
    expect(out.slice(2).every((v) => v === undefined)).to.equal(true);
  });

  it('an empty list gives an empty answer without calling fn', async () => {
    expect(await boundedMap([], 4, () => Promise.reject(new Error('called')))).to.deep.equal([]);
  });
});
