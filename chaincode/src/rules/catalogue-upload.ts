/**
 * A catalogue version's upload (RX-07, PM-14): opened with the number of drugs it will list,
 * filled batch by batch, sealed once complete. Only the insurer organisation that opened a
 * version adds to it or seals it, so no other region can slip a drug into its upload.
 */
import { type ChaincodeError, conflict, forbidden, ruleViolation } from '../ledger/errors';
import type { Actor, Stamp } from '../model/audit';
import type { CatalogueDrug, CatalogueLimits, CatalogueVersion } from '../model/catalogue';

/** How many substitute errors a refusal spells out; the rest are counted. */
const SHOWN = 5;

export interface OpenRequest {
  versionId: string;
  effectiveFrom: string;
  limits: CatalogueLimits;
  drugCount: number;
}

export function openedVersion(req: OpenRequest, stamp: Stamp): CatalogueVersion {
  return {
    docType: 'catalogue',
    versionId: req.versionId,
    effectiveFrom: req.effectiveFrom,
    limits: req.limits,
    drugCount: req.drugCount,
    drugsAdded: 0,
    byClass: { A: 0, B: 0, C: 0, NONE: 0 },
    status: 'OPEN',
    opened: stamp,
    updated: stamp,
  };
}

/** Whether this caller may change this version now: the opening organisation, while OPEN. */
export function uploadRefusal(version: CatalogueVersion, actor: Actor): ChaincodeError | undefined {
  if (actor.mspId !== version.opened.by.mspId) {
    return forbidden(`catalogue version ${version.versionId} was opened by ${version.opened.by.mspId}; only it may upload to or seal it`);
  }
  if (version.status !== 'OPEN') return conflict(`catalogue version ${version.versionId} is sealed; its drugs can no longer change`);
  return undefined;
}

/** A batch may not take the version beyond the drug count it was opened with. */
export function capacityRefusal(version: CatalogueVersion, batchSize: number): ChaincodeError | undefined {
  const after = version.drugsAdded + batchSize;
  if (after <= version.drugCount) return undefined;
  return conflict(`catalogue version ${version.versionId} was opened for ${version.drugCount} drugs; it lists ${version.drugsAdded} and this batch of ${batchSize} would make ${after}`);
}

/** Codes of a batch the version lists already: a batch is refused whole, so a replayed one changes nothing. */
export function alreadyListedRefusal(versionId: string, listed: readonly string[]): ChaincodeError | undefined {
  if (listed.length === 0) return undefined;
  return conflict(`catalogue version ${versionId} already lists ${listed.join(', ')}`);
}

export function withDrugs(version: CatalogueVersion, drugs: readonly CatalogueDrug[], stamp: Stamp): CatalogueVersion {
  const byClass = { ...version.byClass };
  for (const drug of drugs) byClass[drug.coverage.class] += 1;
  return { ...version, drugsAdded: version.drugsAdded + drugs.length, byClass, updated: stamp };
}

/** A drug of a version as sealing needs it: its code and the codes it names as substitutes. */
export interface ListedDrug {
  drugCode: string;
  substitutes: readonly string[];
}

/**
 * A version can be sealed once it lists every drug it was opened for and each substitute names
 * a drug it lists (CONFLICT while incomplete; RULE for a substitute outside the version).
 */
export function sealRefusal(version: CatalogueVersion, drugs: readonly ListedDrug[]): ChaincodeError | undefined {
  if (drugs.length !== version.drugCount) {
    return conflict(`catalogue version ${version.versionId} lists ${drugs.length} of its ${version.drugCount} drugs; add the rest before sealing`);
  }
  const codes = new Set(drugs.map((d) => d.drugCode));
  const dangling = drugs.flatMap((d) => d.substitutes.filter((code) => !codes.has(code)).map((code) => `${code} (substitute of ${d.drugCode})`));
  if (dangling.length === 0) return undefined;
  const more = dangling.length > SHOWN ? ` and ${dangling.length - SHOWN} more` : '';
  return ruleViolation(
    `catalogue version ${version.versionId} cannot be sealed: substitutes must be drugs of the same version, but it does not list ${dangling.slice(0, SHOWN).join(', ')}${more}`,
  );
}

export function sealedVersion(version: CatalogueVersion, stamp: Stamp): CatalogueVersion {
  return { ...version, status: 'SEALED', sealed: stamp, updated: stamp };
}
