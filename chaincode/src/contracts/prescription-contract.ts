import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { PrescriptionApi as Api } from '../api/prescription-api';
import { authorise, requireAttr, stampOf } from '../ledger/caller';
import { conflict, ruleViolation } from '../ledger/errors';
import { emit } from '../ledger/events';
import { staffOf } from '../ledger/parties';
import { txTimeIso, txTimeMs } from '../ledger/time';
import { argsOf, transientOf } from '../ledger/transaction-input';
import type { HistoryEntry, Page } from '../model/audit';
import type { DispenseRecord } from '../model/dispense';
import type { PreCheckResult, PrescriptionRecord, VerifyResult } from '../model/prescription';
import { chinaDateOf } from '../rules/dates';
import { pricedLines } from '../rules/dispense-pricing';
import { applyDispense, dispensed, dispenseRefusal, isSameDispense, verificationOf, verifyStatusAt } from '../rules/dispensing';
import { duplicateRefusal, duplicateRxIdsOf, findDuplicates } from '../rules/duplicates';
import { normalisedPatient } from '../rules/patient-ref';
import { preCheckItems } from '../rules/precheck';
import { prescribingRefusal } from '../rules/prescribing-right';
import { issuedPrescription, type RxContent } from '../rules/prescription-document';
import { prescribeItems } from '../rules/prescription-limits';
import { listFilterOf, listRefusal } from '../rules/prescription-list';
import { checkDispenseRequest, checkIssueRequest } from '../rules/prescription-request';
import { revocationRefusal, revoked } from '../rules/revocation';
import { validUntilMs } from '../rules/validity';
import { catalogueInForce, drugsOf, drugsWithSubstitutes, mustGetCatalogueInForce } from '../stores/catalogue';
import { dispenses, dispensesOfPharmacy } from '../stores/dispenses';
import { actingInstitution } from '../stores/institutions';
import { PATIENT_COLLECTION, identify, initSalt, requireCollectionMember, saveIdentity } from '../stores/patient-identities';
import { hasActiveRight, practitioners } from '../stores/practitioners';
import { prescriptionPage, prescriptions, prescriptionsOfPatient } from '../stores/prescriptions';

/** The patient a transaction's transient map names, checked and normalised; the identity goes nowhere else. */
function patientIn(ctx: Context, tx: typeof Api.PatientRef | typeof Api.PreCheck | typeof Api.Issue) {
  return identify(ctx, normalisedPatient(transientOf(ctx, tx).patient));
}

@Info({ title: 'Prescription', description: 'E-prescriptions: issue, pre-check, verify, dispense, revoke (RX-01..09, SR-04, CR-01)' })
export class PrescriptionContract extends Contract {
  constructor() {
    super('Prescription');
  }

  /**
   * Sets the secret salt of patient pseudonyms, once per channel. The salt travels in the
   * transient field 'salt' and is kept only in the patientIdentity collection.
   */
  @Transaction()
  async InitPatientSalt(ctx: Context, args: string): Promise<{ collection: string; initialisedAt: string }> {
    const actor = await authorise(ctx, Api.InitPatientSalt);
    requireCollectionMember(actor);
    argsOf(Api.InitPatientSalt, args);
    await initSalt(ctx, transientOf(ctx, Api.InitPatientSalt).salt);
    emit(ctx, 'PatientSaltInitialised', { collection: PATIENT_COLLECTION, by: actor.mspId });
    return { collection: PATIENT_COLLECTION, initialisedAt: txTimeIso(ctx) };
  }

  /** The pseudonym for the patient in transient 'patient', e.g. for a claim or a List by patient. */
  @Transaction(false)
  async PatientRef(ctx: Context, args: string): Promise<{ patientRef: string }> {
    requireCollectionMember(await authorise(ctx, Api.PatientRef));
    argsOf(Api.PatientRef, args);
    return { patientRef: (await patientIn(ctx, Api.PatientRef)).patientRef };
  }

  /** Before prescribing (RX-04, RX-05, SR-04): the coverage and substitutes of each drug and the patient's active duplicates. */
  @Transaction(false)
  async PreCheck(ctx: Context, args: string): Promise<PreCheckResult> {
    await authorise(ctx, Api.PreCheck);
    const { items } = argsOf(Api.PreCheck, args);
    const { patientRef } = await patientIn(ctx, Api.PreCheck);
    const nowMs = txTimeMs(ctx);
    const catalogue = await mustGetCatalogueInForce(ctx, nowMs);
    const codes = items.map((item) => item.drugCode);
    const entries = await drugsWithSubstitutes(ctx, catalogue.versionId, codes);
    const others = await prescriptionsOfPatient(ctx, patientRef);
    return { patientRef, catalogueVersion: catalogue.versionId, limits: catalogue.limits, items: preCheckItems(codes, entries, others, nowMs) };
  }

  /**
   * A registered doctor with an active prescribing right, of a designated institution in good
   * standing (CR-10), issues a prescription for the patient in transient 'patient'. Items are
   * checked against the entries of the prescribed drugs in the version in force, whose coverage
   * they record (RX-07); a duplicate needs duplicateOverrideReason and is flagged (SR-04).
   */
  @Transaction()
  async Issue(ctx: Context, args: string): Promise<PrescriptionRecord> {
    const actor = await authorise(ctx, Api.Issue);
    const doctorId = requireAttr(actor, 'licenceId');
    const staff = staffOf(actor);
    const input = argsOf(Api.Issue, args);
    checkIssueRequest(input);
    const patient = await patientIn(ctx, Api.Issue);

    const nowMs = txTimeMs(ctx);
    await actingInstitution(ctx, staff, chinaDateOf(nowMs));
    const refusal = prescribingRefusal(await practitioners.get(ctx, doctorId), doctorId, staff.institutionId);
    if (refusal) throw refusal;
    if (await prescriptions.exists(ctx, input.rxId)) throw conflict(`prescription ${input.rxId} already exists`);

    const catalogue = await catalogueInForce(ctx, nowMs);
    if (!catalogue) throw ruleViolation('no drug catalogue version is in force; nothing can be prescribed');
    const drugs = await drugsOf(ctx, catalogue.versionId, input.items.map((item) => item.drugCode));
    const items = prescribeItems(input.items, input.kind, { versionId: catalogue.versionId, limits: catalogue.limits, drugs }, input.selfPayConfirmed ?? []);
    // The range read over the patient's index makes a concurrent issue for the same patient fail
    // validation (phantom read), so two duplicates cannot slip through side by side.
    const duplicates = findDuplicates(items, await prescriptionsOfPatient(ctx, patient.patientRef), nowMs);
    const duplicate = duplicateRefusal(duplicates, input.duplicateOverrideReason);
    if (duplicate) throw duplicate;

    const stamp = stampOf(ctx, actor);
    const { institutionId, region } = staff;
    const content: RxContent = {
      rxId: input.rxId,
      prescriber: { doctorId, institutionId, region },
      patientRef: patient.patientRef,
      kind: input.kind,
      diagnosisCodes: input.diagnosisCodes,
      items,
      catalogueVersion: catalogue.versionId,
      issuedAt: stamp.at,
      validUntil: new Date(validUntilMs(input.kind, nowMs, items)).toISOString(),
    };
    if (input.chronicDisease !== undefined) content.chronicDisease = input.chronicDisease;
    const rx = issuedPrescription(content, stamp, duplicates, input.duplicateOverrideReason);
    await prescriptions.save(ctx, rx);
    await saveIdentity(ctx, patient);
    emit(ctx, 'PrescriptionIssued', {
      rxId: rx.rxId,
      patientRef: rx.patientRef,
      doctorId,
      institutionId,
      catalogueVersion: rx.catalogueVersion,
      flagged: rx.flagged,
      duplicateRxIds: duplicateRxIdsOf(duplicates),
    });
    return rx;
  }

  /**
   * What a pharmacy needs before dispensing (RX-02: the same answer at any pharmacy): one status,
   * remaining quantities and the dispense history. Expiry and the prescriber's standing are
   * judged at this transaction's time.
   */
  @Transaction(false)
  async Verify(ctx: Context, args: string): Promise<VerifyResult> {
    await authorise(ctx, Api.Verify);
    const rx = await prescriptions.mustGet(ctx, argsOf(Api.Verify, args).rxId);
    const active = await hasActiveRight(ctx, rx.prescriber.doctorId);
    const made = await Promise.all(rx.dispenseIds.map((id) => dispenses.mustGet(ctx, id)));
    return verificationOf(rx, made, txTimeMs(ctx), active);
  }

  /**
   * A pharmacist of a designated pharmacy whose agreement is in force (CR-10) dispenses all or
   * part of the remaining quantities, charging one fee line per dispensed item at or below the
   * payment standard recorded at issue (RX-12). The prescription key is read and written, so of
   * two pharmacies racing for the same remainder Fabric's MVCC check lets exactly one commit. A
   * retry with the same dispenseId and content returns the recorded dispense; the same id with
   * other content is a CONFLICT.
   */
  @Transaction()
  async Dispense(ctx: Context, args: string): Promise<DispenseRecord> {
    const actor = await authorise(ctx, Api.Dispense);
    const pharmacistId = requireAttr(actor, 'licenceId');
    const staff = staffOf(actor);
    const input = argsOf(Api.Dispense, args);
    checkDispenseRequest(input);
    const request = { ...input, pharmacyId: staff.institutionId };

    // A retry of a committed dispense writes nothing, so it answers the record even if the
    // pharmacy's agreement has been suspended since: the dispense did happen.
    const earlier = await dispenses.get(ctx, input.dispenseId);
    if (earlier) {
      if (isSameDispense(earlier, request)) return earlier;
      throw conflict(`dispense ${input.dispenseId} already exists with different content`);
    }

    const nowMs = txTimeMs(ctx);
    await actingInstitution(ctx, staff, chinaDateOf(nowMs));
    const rx = await prescriptions.mustGet(ctx, input.rxId);
    const refusal = dispenseRefusal(rx.rxId, verifyStatusAt(rx, nowMs, await hasActiveRight(ctx, rx.prescriber.doctorId)));
    if (refusal) throw refusal;
    const outcome = applyDispense(rx.rxId, rx.items, input.items);
    const feeLines = pricedLines(rx.items, input.feeLines);
    const next = dispensed(rx, request, { ...outcome, feeLines }, pharmacistId, stampOf(ctx, actor));
    await dispenses.save(ctx, next.dispense);
    await prescriptions.save(ctx, next.rx, rx);
    emit(ctx, 'PrescriptionDispensed', { rxId: rx.rxId, dispenseId: input.dispenseId, patientRef: rx.patientRef, pharmacyId: request.pharmacyId, status: next.rx.status });
    return next.dispense;
  }

  /**
   * The issuing doctor, or an admin of the issuing hospital, withdraws a prescription nothing has
   * been dispensed from, while that hospital's agreement is in force (CR-10). An admin whose
   * certificate names no institution (an organisation-wide HospitalMSP admin) is refused: it acts
   * for no hospital the registry could vouch for, and the prescription belongs to one.
   */
  @Transaction()
  async Revoke(ctx: Context, args: string): Promise<PrescriptionRecord> {
    const actor = await authorise(ctx, Api.Revoke);
    const { rxId, reason } = argsOf(Api.Revoke, args);
    const rx = await prescriptions.mustGet(ctx, rxId);
    const refusal = revocationRefusal(actor, rx);
    if (refusal) throw refusal;
    // revocationRefusal has tied the caller to the issuing institution; it must still be designated and active.
    await actingInstitution(ctx, staffOf(actor), chinaDateOf(txTimeMs(ctx)));
    const next = revoked(rx, reason, stampOf(ctx, actor));
    await prescriptions.save(ctx, next, rx);
    emit(ctx, 'PrescriptionRevoked', { rxId, patientRef: rx.patientRef, doctorId: rx.prescriber.doctorId, institutionId: rx.prescriber.institutionId });
    return next;
  }

  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<PrescriptionRecord> {
    await authorise(ctx, Api.Get);
    return prescriptions.mustGet(ctx, argsOf(Api.Get, args).rxId);
  }

  /** Every committed version of the prescription; each version's `updated` stamp names its writer. */
  @Transaction(false)
  async History(ctx: Context, args: string): Promise<HistoryEntry<PrescriptionRecord>[]> {
    await authorise(ctx, Api.History);
    return prescriptions.history(ctx, argsOf(Api.History, args).rxId);
  }

  @Transaction(false)
  async GetDispense(ctx: Context, args: string): Promise<DispenseRecord> {
    await authorise(ctx, Api.GetDispense);
    return dispenses.mustGet(ctx, argsOf(Api.GetDispense, args).dispenseId);
  }

  /** Prescriptions of a patient, of a prescriber, in a recorded status, or flagged as duplicates (SR-04); ISSUED by default. */
  @Transaction(false)
  async List(ctx: Context, args: string): Promise<Page<PrescriptionRecord>> {
    const actor = await authorise(ctx, Api.List);
    const input = argsOf(Api.List, args);
    const filter = listFilterOf(input);
    const refusal = listRefusal(filter, actor.role);
    if (refusal) throw refusal;
    return prescriptionPage(ctx, filter, input);
  }

  /** Dispenses made by a pharmacy. */
  @Transaction(false)
  async ByPharmacy(ctx: Context, args: string): Promise<Page<DispenseRecord>> {
    await authorise(ctx, Api.ByPharmacy);
    const { pharmacyId, ...paging } = argsOf(Api.ByPharmacy, args);
    return dispensesOfPharmacy(ctx, pharmacyId, paging);
  }
}
