import { expect } from 'chai';
import { historyDrugs, isExtensionOf, visitOf, type WorldSize } from '../../bench/generator/world';

const world: WorldSize = { patients: 1000, hospitals: 20, pharmacies: 10, visits: 500, catalogueSize: 200, seed: 3, batch: 100 };
const drugs = historyDrugs(world.catalogueSize);
const TODAY = '2026-12-01';

describe('bench: the large data set\'s world', () => {
  it('a visit is the same for the same seed and index, whatever the number of visits planned', () => {
    const larger = { ...world, visits: 2000 };
    for (const k of [0, 1, 99, 100, 499]) expect(visitOf(k, larger, drugs, TODAY)).to.deep.equal(visitOf(k, world, drugs, TODAY));
    expect(visitOf(1, { ...world, seed: 4 }, drugs, TODAY)).to.not.deep.equal(visitOf(1, world, drugs, TODAY));
  });

  it('a loaded world extends only to more visits of the same world, after a whole last batch', () => {
    expect(isExtensionOf(world, { ...world, visits: 2000 })).to.equal(true);
    expect(isExtensionOf(world, world)).to.equal(false);
    expect(isExtensionOf(world, { ...world, visits: 400 })).to.equal(false);
    expect(isExtensionOf(world, { ...world, visits: 2000, patients: 2000 })).to.equal(false);
    expect(isExtensionOf(world, { ...world, visits: 2000, batch: 50 })).to.equal(false);
    expect(isExtensionOf({ ...world, visits: 450 }, { ...world, visits: 2000 })).to.equal(false);
  });
});
