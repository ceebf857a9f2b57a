import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { ClaimApi } from '../api/claim-api';
import { authorise, stampOf } from '../ledger/caller';
import { forbidden } from '../ledger/errors';
import { emit } from '../ledger/events';
import { canReadClaim, insurerRegionOf, isInsurerOf, isStaffOf, staffOf } from '../ledger/parties';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { Page } from '../model/audit';
import type { ClaimRecord } from '../model/claim';
import type { Caller } from '../model/membership';
import { benefitYearIdFor, releaseBenefit } from '../rules/benefit-year';
import { checkClaimant, checkRegionListing } from '../rules/claim-arguments';
import { assessClaim, isCrossRegion } from '../rules/claim-assessment';
import { claimTotalFen } from '../rules/claim-lines';
import { checkReview } from '../rules/claim-review';
import { dispenseSource, encounterSource, type ClaimSource } from '../rules/claim-source';
import { withStatus } from '../rules/claim-status';
import { chinaDateOf } from '../rules/dates';
import { givenBack, insuredForClaim } from '../rules/insured-person';
import { benefitYears, claims, claimsOfInstitution, claimsOfRegion, mustBeNewClaim } from '../stores/claims';
import { dispenses } from '../stores/dispenses';
import { encounters } from '../stores/encounters';
import { coveringFiling } from '../stores/filings';
import { actingInstitution } from '../stores/institutions';
import { insuredPersons } from '../stores/insured-persons';
import { policyInForce } from '../stores/policies';

/** The record a claim is for, read from the ledger and checked to be the claimant institution's own. */
async function sourceOf(ctx: Context, refType: ClaimSource['refType'], refId: string, institutionId: string): Promise<ClaimSource> {
  return refType === 'dispense'
    ? dispenseSource(await dispenses.mustGet(ctx, refId), institutionId)
    : encounterSource(await encounters.mustGet(ctx, refId), institutionId);
}

/** A region's claims are its insurer's business, and every region's an investigator's. */
function mayListRegion(actor: Caller, region: string): void {
  if (actor.role !== 'investigator' && !isInsurerOf(actor, region)) throw forbidden(`only the insurer of ${region} or an investigator lists its claims`);
}

@Info({ title: 'Claim', description: 'Reimbursement claims: submission with computed split and smart review, review by the treatment region' })
export class ClaimContract extends Contract {
  constructor() {
    super('Claim');
  }

  /**
   * A hospital (encounter) or pharmacy (dispense) of a designated institution claims for care it
   * gave. Everything the claim is paid on is derived from the ledger: the patient, dates and
   * lines with their coverage from the record, the level and treatment region from the
   * institution, the insured region, status and account from the insured-person record (XR-01).
   * The split follows the insured region's policy in force on the service date; the deductible
   * and cap use are reserved and the personal account drawn down at once, since the patient pays
   * their share at the counter (XR-02).
   */
  @Transaction()
  async Submit(ctx: Context, args: string): Promise<ClaimRecord> {
    const staff = staffOf(await authorise(ctx, ClaimApi.Submit));
    const { claimId, refType, refId, invoiceHash, personalAccountRequestFen = 0 } = argsOf(ClaimApi.Submit, args);
    checkClaimant(staff, refType);
    const institution = await actingInstitution(ctx, staff, chinaDateOf(txTimeMs(ctx)));
    await mustBeNewClaim(ctx, { claimId, refType, refId, invoiceHash });
    const source = await sourceOf(ctx, refType, refId, institution.institutionId);
    claimTotalFen(source.lines);

    const insured = insuredForClaim(await insuredPersons.get(ctx, source.patientRef), source.patientRef);
    const { patientRef, serviceDate } = source;
    const { insuredRegion } = insured;
    const crossRegion = isCrossRegion(insuredRegion, institution.region);
    const policy = await policyInForce(ctx, insuredRegion, serviceDate);
    const reviewPolicy = crossRegion ? await policyInForce(ctx, institution.region, serviceDate) : policy;
    const filing = crossRegion ? await coveringFiling(ctx, patientRef, insuredRegion, institution.region, serviceDate) : undefined;
    const benefit = await benefitYears.get(ctx, benefitYearIdFor({ insuredRegion, patientRef, serviceDate }));

    const assessed = assessClaim({
      claimId,
      invoiceHash,
      source,
      institution,
      insured,
      personalAccountRequestFen,
      policy,
      reviewPolicy,
      filing,
      benefit,
      stamp: stampOf(ctx, staff.actor),
    });
    const { claim } = assessed;
    await claims.save(ctx, claim);
    await benefitYears.save(ctx, assessed.benefitYear, benefit);
    if (assessed.insured) await insuredPersons.save(ctx, assessed.insured, insured);
    emit(ctx, 'ClaimSubmitted', { claimId: claim.claimId, status: claim.status });
    return claim;
  }

  /**
   * The treatment region's insurer decides. A rejection needs a reason, and so does approving a
   * claim that smart review sent to manual review; a rejection hands back the patient's
   * deductible and cap reserved by the claim, and what it drew from the personal account.
   */
  @Transaction()
  async Review(ctx: Context, args: string): Promise<ClaimRecord> {
    const actor = await authorise(ctx, ClaimApi.Review);
    const region = insurerRegionOf(actor);
    const { claimId, decision, reason } = argsOf(ClaimApi.Review, args);
    const claim = await claims.mustGet(ctx, claimId);
    checkReview(claim, region, decision, reason);
    const stamp = stampOf(ctx, actor);
    const next = withStatus(claim, decision, reason ?? '', stamp);
    await claims.save(ctx, next, claim);
    if (decision === 'REJECTED') {
      const benefit = await benefitYears.mustGet(ctx, benefitYearIdFor(claim));
      await benefitYears.save(ctx, releaseBenefit(benefit, claim, stamp), benefit);
      if (claim.amounts.personalAccountFen > 0) {
        const insured = await insuredPersons.mustGet(ctx, claim.patientRef);
        await insuredPersons.save(ctx, givenBack(insured, claim.amounts.personalAccountFen, stamp), insured);
      }
    }
    emit(ctx, 'ClaimReviewed', { claimId, status: decision });
    return next;
  }

  /** A claim with its fee lines, split and progress, for the parties to it. */
  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<ClaimRecord> {
    const actor = await authorise(ctx, ClaimApi.Get);
    const { claimId } = argsOf(ClaimApi.Get, args);
    const claim = await claims.mustGet(ctx, claimId);
    if (!canReadClaim(actor, claim)) throw forbidden(`claim ${claimId} is not visible to ${actor.role} of ${actor.mspId}`);
    return claim;
  }

  /** Claims treated in (side 'treatment', optionally one status's queue) or insured by (side 'insured') a region. */
  @Transaction(false)
  async ListByRegion(ctx: Context, args: string): Promise<Page<ClaimRecord>> {
    const actor = await authorise(ctx, ClaimApi.ListByRegion);
    const { region, side = 'treatment', status, pageSize, bookmark } = argsOf(ClaimApi.ListByRegion, args);
    checkRegionListing(side, status);
    mayListRegion(actor, region);
    return claimsOfRegion(ctx, region, side, status, { pageSize, bookmark });
  }

  /** An institution's claims: all of them for its staff and investigators; insurers see those their region is party to. */
  @Transaction(false)
  async ListByInstitution(ctx: Context, args: string): Promise<Page<ClaimRecord>> {
    const actor = await authorise(ctx, ClaimApi.ListByInstitution);
    const { institutionId, pageSize, bookmark } = argsOf(ClaimApi.ListByInstitution, args);
    if (actor.role !== 'investigator' && actor.role !== 'insurer' && !isStaffOf(actor, institutionId)) {
      throw forbidden(`only staff of ${institutionId}, insurers or investigators list its claims`);
    }
    return claimsOfInstitution(ctx, institutionId, { pageSize, bookmark }, (claim) => canReadClaim(actor, claim));
  }
}
