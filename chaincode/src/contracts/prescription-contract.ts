import { createHash } from 'node:crypto';
import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { requireAttr, requireRole, stampOf } from '../ledger/caller';
import { canonicalJson, toBytes } from '../ledger/canonical-json';
import { conflict, forbidden, notFound, ruleViolation, validationError } from '../ledger/errors';
import { emit } from '../ledger/events';
import {
  deleteIndex,
  historyOf,
  indexTails,
  mustRead,
  pageFromIndex,
  pageSizeOf,
  putIndex,
  readRecord,
  recordExists,
  writeRecord,
} from '../ledger/state';
import { txTimeIso, txTimeMs } from '../ledger/time';
import type { Actor, HistoryEntry, Page } from '../model/audit';
import type { DispenseRecord } from '../model/dispense';
import { MSP, type MspId } from '../model/organisations';
import type { PractitionerRecord } from '../model/practitioner';
import {
  PRESCRIPTION_STATUSES,
  type PatientIdentityRecord,
  type PreCheckItem,
  type PreCheckResult,
  type PrescriptionRecord,
  type PrescriptionStatus,
  type VerifyResult,
} from '../model/prescription';
import { applyDispense, dispenseRefusal, verifyStatusAt } from '../rules/dispensing';
import { findDuplicates } from '../rules/duplicates';
import { blindOf, patientRefOf } from '../rules/patient-ref';
import { prescribeItems } from '../rules/prescription-limits';
import { validUntilMs } from '../rules/validity';
import { PATIENT_REF, idArg, oneOfArg, textArg } from '../validation/args';
import { patientFromTransient, saltFromTransient } from '../validation/patient';
import { parseDispenseInput, parseIssueInput, parsePreCheckInput } from '../validation/prescription';
import { catalogueInForce } from './catalogue-contract';
import { PRACTITIONER } from './practitioner-contract';

export const PRESCRIPTION = 'prescription';
export const DISPENSE = 'dispense';
/** [patientRef, rxId]: a patient's prescriptions at every institution (SR-04, patient timelines). */
export const RX_BY_PATIENT = 'rx-by-patient';
/** [doctorId, rxId] */
export const RX_BY_PRESCRIBER = 'rx-by-prescriber';
/** [status, rxId]: moved on every status change. */
export const RX_BY_STATUS = 'rx-by-status';
/** [rxId]: issued despite a duplicate warning, for insurers to review. */
export const RX_FLAGGED = 'rx-flagged';
/** [pharmacyId, dispenseId] */
export const DISPENSE_BY_PHARMACY = 'dispense-by-pharmacy';

/** Private data collection holding the pseudonym salt and patient identities (network/collections.json). */
export const PATIENT_COLLECTION = 'patientIdentity';
const SALT_KEY = 'salt';
/** Orgs of that collection's policy: only their peers hold the salt, so only they can derive a patientRef. */
const COLLECTION_MEMBERS: readonly MspId[] = [MSP.hospital, MSP.pharmacy, MSP.insurerSH, MSP.insurerBJ];

const READERS = ['doctor', 'pharmacist', 'insurer', 'investigator', 'admin'] as const;
const MAX_BOOKMARK = 1024;

/** Bookmarks are opaque ledger keys (with NUL separators), so only their type and length are checked. */
function bookmarkArg(bookmark: string): string {
  if (typeof bookmark !== 'string' || bookmark.length > MAX_BOOKMARK) throw validationError(`bookmark must be a string of at most ${MAX_BOOKMARK} characters`);
  return bookmark;
}

function rxPage(ctx: Context, index: string, prefix: string[], pageSize: string, bookmark: string): Promise<Page<PrescriptionRecord>> {
  return pageFromIndex(ctx, index, prefix, pageSizeOf(pageSize), bookmarkArg(bookmark), (attrs) =>
    readRecord<PrescriptionRecord>(ctx, PRESCRIPTION, attrs[attrs.length - 1]),
  );
}

async function readSalt(ctx: Context): Promise<string> {
  const bytes = await ctx.stub.getPrivateData(PATIENT_COLLECTION, SALT_KEY);
  if (!bytes || bytes.length === 0) throw conflict('the patient pseudonym salt has not been initialised (InitPatientSalt)');
  return Buffer.from(bytes).toString('utf8');
}

/** The pseudonym of the patient named in the transient map; the identity itself goes nowhere else. */
async function patientOf(ctx: Context): Promise<{ record: PatientIdentityRecord; patientRef: string }> {
  const patient = patientFromTransient(ctx);
  const salt = await readSalt(ctx);
  const patientRef = patientRefOf(salt, patient.idType, patient.idNumber);
  return { patientRef, record: { ...patient, patientRef, blind: blindOf(salt, patientRef) } };
}

function requireCollectionMember(actor: Actor): void {
  if (!COLLECTION_MEMBERS.includes(actor.mspId)) throw forbidden(`members of ${actor.mspId} hold no patient identity data`);
}

async function prescriptionsOfPatient(ctx: Context, patientRef: string): Promise<PrescriptionRecord[]> {
  const tails = await indexTails(ctx, RX_BY_PATIENT, [patientRef]);
  return Promise.all(tails.map((tail) => mustRead<PrescriptionRecord>(ctx, PRESCRIPTION, tail[tail.length - 1])));
}

async function prescriberIsActive(ctx: Context, doctorId: string): Promise<boolean> {
  const doctor = await readRecord<PractitionerRecord>(ctx, PRACTITIONER, doctorId);
  return doctor?.rxRight === 'ACTIVE';
}

/** Keeps RX_BY_STATUS in step with the record; the caller writes the record itself. */
async function moveStatus(ctx: Context, rx: PrescriptionRecord, to: PrescriptionStatus): Promise<void> {
  if (rx.status === to) return;
  await deleteIndex(ctx, RX_BY_STATUS, [rx.status, rx.rxId]);
  await putIndex(ctx, RX_BY_STATUS, [to, rx.rxId]);
  rx.status = to;
}

type RxContent = Pick<
  PrescriptionRecord,
  'rxId' | 'prescriber' | 'patientRef' | 'kind' | 'chronicDisease' | 'diagnosisCodes' | 'items' | 'catalogueVersion' | 'issuedAt' | 'validUntil'
>;

/** sha256 over what the doctor signed off, so a printed or relayed copy can be checked against the ledger. */
function docHashOf(rx: RxContent): string {
  const content = {
    rxId: rx.rxId,
    prescriber: rx.prescriber,
    patientRef: rx.patientRef,
    kind: rx.kind,
    chronicDisease: rx.chronicDisease,
    diagnosisCodes: rx.diagnosisCodes,
    items: rx.items.map(({ drugCode, quantity, dose, days }) => ({ drugCode, quantity, dose, days })),
    catalogueVersion: rx.catalogueVersion,
    issuedAt: rx.issuedAt,
    validUntil: rx.validUntil,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** The parts of a dispense a retry must repeat exactly to be recognised as the same dispense. */
function dispenseContent(d: { rxId: string; pharmacyId: string; items: { drugCode: string; quantity: number }[]; feeLines: unknown[] }): string {
  return canonicalJson({
    rxId: d.rxId,
    pharmacyId: d.pharmacyId,
    items: d.items.map(({ drugCode, quantity }) => ({ drugCode, quantity })),
    feeLines: d.feeLines,
  });
}

@Info({ title: 'Prescription', description: 'E-prescriptions: issue, pre-check, verify, dispense, revoke (RX-01..09, SR-04, CR-01)' })
export class PrescriptionContract extends Contract {
  constructor() {
    super('Prescription');
  }

  /**
   * Sets the secret salt of patient pseudonyms, once per channel. The salt travels in the
   * transient field 'salt' and is kept only in the patientIdentity collection; replacing it
   * would split every patient's history, so it can never be overwritten.
   */
  @Transaction()
  async InitPatientSalt(ctx: Context): Promise<{ collection: string; initialisedAt: string }> {
    const actor = requireRole(ctx, 'admin');
    requireCollectionMember(actor);
    const salt = saltFromTransient(ctx);
    const existing = await ctx.stub.getPrivateData(PATIENT_COLLECTION, SALT_KEY);
    if (existing && existing.length > 0) throw conflict('the patient pseudonym salt is already set and cannot be replaced');
    await ctx.stub.putPrivateData(PATIENT_COLLECTION, SALT_KEY, Buffer.from(salt, 'utf8'));
    emit(ctx, 'PatientSaltInitialised', { collection: PATIENT_COLLECTION, by: actor.mspId });
    return { collection: PATIENT_COLLECTION, initialisedAt: txTimeIso(ctx) };
  }

  /** The pseudonym for the patient in transient 'patient', e.g. for a claim or a ByPatient query. */
  @Transaction(false)
  async PatientRef(ctx: Context): Promise<{ patientRef: string }> {
    requireCollectionMember(requireRole(ctx, 'doctor', 'pharmacist', 'insurer', 'admin'));
    const { patientRef } = await patientOf(ctx);
    return { patientRef };
  }

  /**
   * Before prescribing (RX-04, RX-05, SR-04): for each drug, whether the catalogue in force lists
   * and covers it, its self-pay ratio and substitutes, and any active prescription the patient
   * holds for the same drug or generic group at any institution.
   */
  @Transaction(false)
  async PreCheck(ctx: Context, precheckJson: string): Promise<PreCheckResult> {
    requireRole(ctx, 'doctor');
    const codes = parsePreCheckInput(precheckJson);
    const { patientRef } = await patientOf(ctx);
    const nowMs = txTimeMs(ctx);
    const catalogue = await catalogueInForce(ctx, nowMs);
    if (!catalogue) throw notFound('no drug catalogue version is in force');
    const others = await prescriptionsOfPatient(ctx, patientRef);
    const items = codes.map((drugCode): PreCheckItem => {
      const drug = catalogue.drugs.find((d) => d.drugCode === drugCode);
      if (!drug) return { drugCode, known: false, substitutes: [], duplicates: findDuplicates([{ drugCode }], others, nowMs) };
      return {
        drugCode,
        known: true,
        name: drug.name,
        genericGroup: drug.genericGroup,
        inCatalogue: drug.inCatalogue,
        selfPayRatioBp: drug.selfPayRatioBp,
        monitored: drug.monitored,
        substitutes: drug.substitutes.flatMap((code) => {
          const sub = catalogue.drugs.find((d) => d.drugCode === code);
          return sub ? [{ drugCode: sub.drugCode, name: sub.name, inCatalogue: sub.inCatalogue, selfPayRatioBp: sub.selfPayRatioBp }] : [];
        }),
        duplicates: findDuplicates([drug], others, nowMs),
      };
    });
    return { patientRef, catalogueVersion: catalogue.versionId, limits: catalogue.limits, items };
  }

  /**
   * A registered doctor with an active prescribing right issues a prescription for the patient
   * in transient 'patient'. Items are checked against the catalogue version in force and its
   * limits; a duplicate of an active prescription needs duplicateOverrideReason and is flagged.
   */
  @Transaction()
  async Issue(ctx: Context, rxJson: string): Promise<PrescriptionRecord> {
    const actor = requireRole(ctx, 'doctor');
    const doctorId = requireAttr(actor, 'licenceId');
    const institutionId = requireAttr(actor, 'institutionId');
    const region = requireAttr(actor, 'region');
    const input = parseIssueInput(rxJson);
    const patient = await patientOf(ctx);

    const doctor = await readRecord<PractitionerRecord>(ctx, PRACTITIONER, doctorId);
    if (!doctor) throw ruleViolation(`doctor ${doctorId} is not registered and may not issue insurance prescriptions (RX-06)`);
    if (doctor.institutionId !== institutionId) {
      throw forbidden(`doctor ${doctorId} is registered at ${doctor.institutionId}, not at ${institutionId}`);
    }
    if (doctor.rxRight !== 'ACTIVE') throw ruleViolation(`doctor ${doctorId} has had prescribing rights suspended (CR-01, ${doctor.points} points)`);
    if (await recordExists(ctx, PRESCRIPTION, input.rxId)) throw conflict(`prescription ${input.rxId} already exists`);

    const nowMs = txTimeMs(ctx);
    const catalogue = await catalogueInForce(ctx, nowMs);
    if (!catalogue) throw ruleViolation('no drug catalogue version is in force; nothing can be prescribed');
    const items = prescribeItems(input.items, input.kind, catalogue, input.selfPayConfirmed);
    // The range read over the patient's index makes a concurrent issue for the same patient fail
    // validation (phantom read), so two duplicates cannot slip through side by side.
    const duplicates = findDuplicates(items, await prescriptionsOfPatient(ctx, patient.patientRef), nowMs);
    const duplicateRxIds = [...new Set(duplicates.map((d) => d.rxId))];
    if (duplicates.length > 0 && input.duplicateOverrideReason === undefined) {
      throw ruleViolation(`the patient holds active prescription(s) ${duplicateRxIds.join(', ')} for the same drug or generic group (SR-04); give duplicateOverrideReason to issue anyway`);
    }

    const stamp = stampOf(ctx, actor);
    const content: RxContent = {
      rxId: input.rxId,
      prescriber: { doctorId, institutionId, region },
      patientRef: patient.patientRef,
      kind: input.kind,
      chronicDisease: input.chronicDisease,
      diagnosisCodes: input.diagnosisCodes,
      items,
      catalogueVersion: catalogue.versionId,
      issuedAt: stamp.at,
      validUntil: new Date(validUntilMs(input.kind, nowMs, items)).toISOString(),
    };
    const flagged = duplicates.length > 0;
    const rx: PrescriptionRecord = {
      docType: 'prescription',
      ...content,
      status: 'ISSUED',
      docHash: docHashOf(content),
      flagged,
      dispenseIds: [],
      issued: stamp,
      updated: stamp,
    };
    if (flagged && input.duplicateOverrideReason !== undefined) {
      rx.duplicateOverride = { reason: input.duplicateOverrideReason, duplicates };
    }
    await writeRecord(ctx, PRESCRIPTION, rx.rxId, rx);
    await putIndex(ctx, RX_BY_PATIENT, [rx.patientRef, rx.rxId]);
    await putIndex(ctx, RX_BY_PRESCRIBER, [doctorId, rx.rxId]);
    await putIndex(ctx, RX_BY_STATUS, [rx.status, rx.rxId]);
    if (flagged) await putIndex(ctx, RX_FLAGGED, [rx.rxId]);
    await ctx.stub.putPrivateData(PATIENT_COLLECTION, patient.patientRef, toBytes(patient.record));
    emit(ctx, 'PrescriptionIssued', {
      rxId: rx.rxId,
      patientRef: rx.patientRef,
      doctorId,
      institutionId,
      catalogueVersion: rx.catalogueVersion,
      flagged,
      duplicateRxIds,
    });
    return rx;
  }

  /**
   * What a pharmacy needs before dispensing (RX-02: the same answer at any pharmacy): one status,
   * remaining quantities and the dispense history. Expiry and the prescriber's standing are
   * judged at this transaction's time.
   */
  @Transaction(false)
  async Verify(ctx: Context, rxId: string): Promise<VerifyResult> {
    requireRole(ctx, 'pharmacist', 'insurer', 'investigator');
    idArg(rxId, 'rxId');
    const rx = await mustRead<PrescriptionRecord>(ctx, PRESCRIPTION, rxId);
    const active = await prescriberIsActive(ctx, rx.prescriber.doctorId);
    const dispenses = await Promise.all(rx.dispenseIds.map((id) => mustRead<DispenseRecord>(ctx, DISPENSE, id)));
    return {
      rxId,
      status: verifyStatusAt(rx, txTimeMs(ctx), active),
      recordedStatus: rx.status,
      checkedAt: txTimeIso(ctx),
      issuedAt: rx.issuedAt,
      validUntil: rx.validUntil,
      kind: rx.kind,
      patientRef: rx.patientRef,
      prescriber: { ...rx.prescriber, rxRight: active ? 'ACTIVE' : 'SUSPENDED' },
      catalogueVersion: rx.catalogueVersion,
      docHash: rx.docHash,
      items: rx.items.map((item) => ({
        drugCode: item.drugCode,
        prescribed: item.quantity,
        dispensed: item.quantity - item.remainingQuantity,
        remaining: item.remainingQuantity,
      })),
      dispenses,
    };
  }

  /**
   * A pharmacist dispenses all or part of the remaining quantities for their pharmacy. The
   * prescription key is read and written, so of two pharmacies racing for the same remainder
   * Fabric's MVCC check lets exactly one commit. A retry with the same dispenseId and content
   * returns the recorded dispense; the same id with other content is a CONFLICT.
   */
  @Transaction()
  async Dispense(ctx: Context, rxId: string, dispenseJson: string): Promise<DispenseRecord> {
    const actor = requireRole(ctx, 'pharmacist');
    const pharmacyId = requireAttr(actor, 'institutionId');
    const pharmacistId = requireAttr(actor, 'licenceId');
    idArg(rxId, 'rxId');
    const input = parseDispenseInput(dispenseJson);

    const earlier = await readRecord<DispenseRecord>(ctx, DISPENSE, input.dispenseId);
    if (earlier) {
      if (dispenseContent(earlier) === dispenseContent({ rxId, pharmacyId, ...input })) return earlier;
      throw conflict(`dispense ${input.dispenseId} already exists with different content`);
    }

    const rx = await mustRead<PrescriptionRecord>(ctx, PRESCRIPTION, rxId);
    const refusal = dispenseRefusal(rxId, verifyStatusAt(rx, txTimeMs(ctx), await prescriberIsActive(ctx, rx.prescriber.doctorId)));
    if (refusal) throw refusal;
    const outcome = applyDispense(rxId, rx.items, input.items);

    const stamp = stampOf(ctx, actor);
    const dispense: DispenseRecord = {
      docType: 'dispense',
      dispenseId: input.dispenseId,
      rxId,
      patientRef: rx.patientRef,
      pharmacyId,
      pharmacistId,
      items: outcome.dispensed,
      feeLines: input.feeLines,
      totalFen: input.feeLines.reduce((sum, line) => sum + line.amountFen, 0),
      rxStatusAfter: outcome.status,
      dispensed: stamp,
    };
    await moveStatus(ctx, rx, outcome.status);
    rx.items = outcome.items;
    rx.dispenseIds.push(dispense.dispenseId);
    rx.updated = stamp;
    await writeRecord(ctx, DISPENSE, dispense.dispenseId, dispense);
    await putIndex(ctx, DISPENSE_BY_PHARMACY, [pharmacyId, dispense.dispenseId]);
    await writeRecord(ctx, PRESCRIPTION, rxId, rx);
    emit(ctx, 'PrescriptionDispensed', { rxId, dispenseId: dispense.dispenseId, patientRef: rx.patientRef, pharmacyId, status: rx.status });
    return dispense;
  }

  /** The issuing doctor, or an admin of the issuing hospital, withdraws a prescription nothing has been dispensed from. */
  @Transaction()
  async Revoke(ctx: Context, rxId: string, reason: string): Promise<PrescriptionRecord> {
    const actor = requireRole(ctx, 'doctor', 'admin');
    idArg(rxId, 'rxId');
    textArg(reason, 'reason', 500);
    const rx = await mustRead<PrescriptionRecord>(ctx, PRESCRIPTION, rxId);
    const isIssuer = actor.role === 'doctor' && actor.licenceId === rx.prescriber.doctorId;
    const isHospitalAdmin = actor.role === 'admin' && actor.mspId === MSP.hospital && actor.institutionId === rx.prescriber.institutionId;
    if (!isIssuer && !isHospitalAdmin) {
      throw forbidden(`only the issuing doctor or an admin of ${rx.prescriber.institutionId} may revoke ${rxId}`);
    }
    if (rx.status !== 'ISSUED' || rx.dispenseIds.length > 0) throw conflict(`prescription ${rxId} is ${rx.status} and can no longer be revoked`);
    const stamp = stampOf(ctx, actor);
    await moveStatus(ctx, rx, 'REVOKED');
    rx.revocation = { reason, recorded: stamp };
    rx.updated = stamp;
    await writeRecord(ctx, PRESCRIPTION, rxId, rx);
    emit(ctx, 'PrescriptionRevoked', { rxId, patientRef: rx.patientRef, doctorId: rx.prescriber.doctorId, institutionId: rx.prescriber.institutionId });
    return rx;
  }

  @Transaction(false)
  async Get(ctx: Context, rxId: string): Promise<PrescriptionRecord> {
    requireRole(ctx, ...READERS);
    idArg(rxId, 'rxId');
    return mustRead<PrescriptionRecord>(ctx, PRESCRIPTION, rxId);
  }

  /** Every committed version of the prescription; each version's `updated` stamp names its writer. */
  @Transaction(false)
  async History(ctx: Context, rxId: string): Promise<HistoryEntry<PrescriptionRecord>[]> {
    requireRole(ctx, ...READERS);
    idArg(rxId, 'rxId');
    return historyOf<PrescriptionRecord>(ctx, PRESCRIPTION, rxId);
  }

  @Transaction(false)
  async GetDispense(ctx: Context, dispenseId: string): Promise<DispenseRecord> {
    requireRole(ctx, ...READERS);
    idArg(dispenseId, 'dispenseId');
    return mustRead<DispenseRecord>(ctx, DISPENSE, dispenseId);
  }

  @Transaction(false)
  async ByPatient(ctx: Context, patientRef: string, pageSize: string, bookmark: string): Promise<Page<PrescriptionRecord>> {
    requireRole(ctx, ...READERS);
    idArg(patientRef, 'patientRef', PATIENT_REF);
    return rxPage(ctx, RX_BY_PATIENT, [patientRef], pageSize, bookmark);
  }

  @Transaction(false)
  async ByPrescriber(ctx: Context, doctorId: string, pageSize: string, bookmark: string): Promise<Page<PrescriptionRecord>> {
    requireRole(ctx, ...READERS);
    idArg(doctorId, 'doctorId');
    return rxPage(ctx, RX_BY_PRESCRIBER, [doctorId], pageSize, bookmark);
  }

  /** Lifecycle status as recorded; an ISSUED prescription past validUntil is still listed here (see Verify). */
  @Transaction(false)
  async ByStatus(ctx: Context, status: string, pageSize: string, bookmark: string): Promise<Page<PrescriptionRecord>> {
    requireRole(ctx, ...READERS);
    oneOfArg(status, 'status', PRESCRIPTION_STATUSES);
    return rxPage(ctx, RX_BY_STATUS, [status], pageSize, bookmark);
  }

  /** Prescriptions issued over a duplicate warning (SR-04), for insurers and investigators. */
  @Transaction(false)
  async Flagged(ctx: Context, pageSize: string, bookmark: string): Promise<Page<PrescriptionRecord>> {
    requireRole(ctx, 'insurer', 'investigator');
    return rxPage(ctx, RX_FLAGGED, [], pageSize, bookmark);
  }

  /** Dispenses made by a pharmacy. */
  @Transaction(false)
  async ByPharmacy(ctx: Context, pharmacyId: string, pageSize: string, bookmark: string): Promise<Page<DispenseRecord>> {
    requireRole(ctx, ...READERS);
    idArg(pharmacyId, 'pharmacyId');
    return pageFromIndex(ctx, DISPENSE_BY_PHARMACY, [pharmacyId], pageSizeOf(pageSize), bookmarkArg(bookmark), (attrs) =>
      readRecord<DispenseRecord>(ctx, DISPENSE, attrs[attrs.length - 1]),
    );
  }
}
