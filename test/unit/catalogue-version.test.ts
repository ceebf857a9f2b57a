import { expect } from 'chai';
import { newVersionRefusal, versionInForce } from '../../chaincode/src/rules/catalogue-version';

const versions = [
  { versionId: 'V2', effectiveFrom: '2026-03-10' },
  { versionId: 'V1', effectiveFrom: '2026-01-01' },
  { versionId: 'V3', effectiveFrom: '2026-06-01' },
];

describe('catalogue version in force (RX-07)', () => {
  it('picks the greatest effectiveFrom on or before the date, whatever the order given', () => {
    expect(versionInForce(versions, Date.parse('2026-04-01T04:00:00Z'))?.versionId).to.equal('V2');
    expect(versionInForce(versions, Date.parse('2026-07-01T04:00:00Z'))?.versionId).to.equal('V3');
  });

  it('switches at 00:00 China time on effectiveFrom (16:00Z the day before)', () => {
    expect(versionInForce(versions, Date.parse('2026-03-09T15:59:59.999Z'))?.versionId).to.equal('V1');
    expect(versionInForce(versions, Date.parse('2026-03-09T16:00:00.000Z'))?.versionId).to.equal('V2');
  });

  it('has nothing in force before the first version', () => {
    expect(versionInForce(versions, Date.parse('2025-12-31T15:59:59.999Z'))).to.equal(undefined);
    expect(versionInForce([], Date.parse('2026-04-01T00:00:00Z'))).to.equal(undefined);
  });
});

describe('new catalogue versions', () => {
  const now = Date.parse('2026-04-01T04:00:00Z'); // 2026-04-01 in China, V2 in force

  it('accepts a future date', () => {
    expect(newVersionRefusal(versions, '2026-04-02', now)).to.equal(undefined);
  });

  it('refuses a retroactive date as RULE', () => {
    expect(newVersionRefusal(versions, '2026-03-31', now)?.code).to.equal('RULE');
  });

  it('refuses today while another version is in force, but allows it for the very first version', () => {
    expect(newVersionRefusal(versions, '2026-04-01', now)?.message).to.match(/V2 is in force today/);
    expect(newVersionRefusal([], '2026-04-01', now)).to.equal(undefined);
  });

  it('refuses a second version on the same day as CONFLICT', () => {
    expect(newVersionRefusal(versions, '2026-06-01', now)?.code).to.equal('CONFLICT');
  });
});
