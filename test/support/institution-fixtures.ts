/**
 * Designated institutions for contract tests: the demo field (scripts/demo/seed-institutions.ts),
 * registered through the Institution contract by the insurer of each region, so every staff act
 * of the demo identities passes the designated-institution gate.
 */
import type { Context } from 'fabric-contract-api';
import { InstitutionContract } from '../../chaincode/src/contracts/institution-contract';
import type { InstitutionRecord } from '../../chaincode/src/model/institution';
import { INSTITUTIONS, type InstitutionSeed } from '../../scripts/demo/seed-institutions';
import type { FakeIdentity, FakeLedger } from './fake-ledger';
import { identities } from './fake-ledger';

export const institutionContract = new InstitutionContract();

const INSURERS: Record<string, FakeIdentity> = { '310000': identities.insurerSH, '110000': identities.insurerBJ };

/** The insurer of a region among the test identities. */
export function insurerOf(region: string): FakeIdentity {
  const insurer = INSURERS[region];
  if (!insurer) throw new Error(`no test insurer for region ${region}`);
  return insurer;
}

/** Registers institutions (the demo field by default) at the ledger's current time. */
export async function registerInstitutions(ledger: FakeLedger, seeds: readonly InstitutionSeed[] = INSTITUTIONS): Promise<InstitutionRecord[]> {
  const records: InstitutionRecord[] = [];
  for (const seed of seeds) {
    records.push(await ledger.tx(insurerOf(seed.region), (ctx: Context) => institutionContract.Register(ctx, JSON.stringify(seed))));
  }
  return records;
}
