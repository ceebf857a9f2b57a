import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { requireAttr, requireRole, stampOf } from '../ledger/caller';
import { conflict, forbidden } from '../ledger/errors';
import { emit } from '../ledger/events';
import { mustRead, recordExists, writeRecord } from '../ledger/state';
import type { Actor } from '../model/audit';
import { MSP } from '../model/organisations';
import type { PractitionerRecord } from '../model/practitioner';
import { INITIAL_POINTS, MAX_DEDUCTION, deductPoints } from '../rules/practitioner-points';
import { LABEL, RULE_ID, idArg, intArg, stringListArg, textArg } from '../validation/args';

export const PRACTITIONER = 'practitioner';

/** Sanctions on a doctor come from the fund's side: an insurer, or an admin of the regulator. */
function requireSanctioner(ctx: Context): Actor {
  const actor = requireRole(ctx, 'insurer', 'admin');
  if (actor.role === 'admin' && actor.mspId !== MSP.regulator) {
    throw forbidden(`only insurers or ${MSP.regulator} admins may change a doctor's points file`);
  }
  return actor;
}

@Info({ title: 'Practitioner', description: 'Doctor registration and insurance points file (CR-01, CR-02, RX-06)' })
export class PractitionerContract extends Contract {
  constructor() {
    super('Practitioner');
  }

  /**
   * A hospital admin registers (備案) one of its doctors with 100 points and an active
   * prescribing right. An admin whose certificate names an institution registers for that
   * institution only; an org-level admin (no institutionId attribute) for any hospital.
   */
  @Transaction()
  async Register(ctx: Context, doctorId: string, institutionId: string, scopeJson: string): Promise<PractitionerRecord> {
    const actor = requireRole(ctx, 'admin');
    if (actor.mspId !== MSP.hospital) throw forbidden(`only ${MSP.hospital} admins register doctors`);
    idArg(doctorId, 'doctorId');
    idArg(institutionId, 'institutionId');
    if (actor.institutionId !== undefined && actor.institutionId !== institutionId) {
      throw forbidden(`an admin of ${actor.institutionId} cannot register doctors for ${institutionId}`);
    }
    const scope = stringListArg(scopeJson, 'scope', 1, 20, LABEL);
    const region = requireAttr(actor, 'region');
    if (await recordExists(ctx, PRACTITIONER, doctorId)) throw conflict(`doctor ${doctorId} is already registered`);
    const stamp = stampOf(ctx, actor);
    const record: PractitionerRecord = {
      docType: 'practitioner',
      doctorId,
      institutionId,
      region,
      scope,
      registrationStatus: 'REGISTERED',
      points: INITIAL_POINTS,
      rxRight: 'ACTIVE',
      violations: [],
      restorations: [],
      registered: stamp,
      updated: stamp,
    };
    await writeRecord(ctx, PRACTITIONER, doctorId, record);
    emit(ctx, 'PractitionerRegistered', { doctorId, institutionId });
    return record;
  }

  /**
   * Deducts points for a violation. The deduction that brings the file to 60 or below suspends
   * prescribing in the same transaction, and the transaction's one event says so.
   */
  @Transaction()
  async RecordViolation(
    ctx: Context,
    doctorId: string,
    ruleId: string,
    points: string,
    reason: string,
    evidenceRef: string,
  ): Promise<PractitionerRecord> {
    const actor = requireSanctioner(ctx);
    idArg(doctorId, 'doctorId');
    idArg(ruleId, 'ruleId', RULE_ID);
    const deduction = intArg(points, 'points', 1, MAX_DEDUCTION);
    textArg(reason, 'reason', 500);
    textArg(evidenceRef, 'evidenceRef', 256);
    const record = await mustRead<PractitionerRecord>(ctx, PRACTITIONER, doctorId);
    const outcome = deductPoints(record.points, deduction, record.rxRight === 'ACTIVE');
    const stamp = stampOf(ctx, actor);
    record.points = outcome.pointsAfter;
    record.violations.push({
      ruleId,
      pointsDeducted: deduction,
      pointsAfter: outcome.pointsAfter,
      reason,
      evidenceRef,
      suspended: outcome.suspendsNow,
      recorded: stamp,
    });
    if (outcome.suspendsNow) {
      record.rxRight = 'SUSPENDED';
      record.suspendedAt = stamp.at;
    }
    record.updated = stamp;
    await writeRecord(ctx, PRACTITIONER, doctorId, record);
    emit(ctx, outcome.suspendsNow ? 'PrescribingSuspended' : 'ViolationRecorded', {
      doctorId,
      institutionId: record.institutionId,
      ruleId,
      pointsDeducted: deduction,
      points: record.points,
      rxRight: record.rxRight,
    });
    return record;
  }

  /**
   * Gives a suspended doctor back the prescribing right on a recorded decision. Points are left
   * as they are, so a doctor restored at 60 or below is suspended again by the next violation.
   */
  @Transaction()
  async Restore(ctx: Context, doctorId: string, decisionRef: string, reason: string): Promise<PractitionerRecord> {
    const actor = requireSanctioner(ctx);
    idArg(doctorId, 'doctorId');
    textArg(decisionRef, 'decisionRef', 256);
    textArg(reason, 'reason', 500);
    const record = await mustRead<PractitionerRecord>(ctx, PRACTITIONER, doctorId);
    if (record.rxRight !== 'SUSPENDED') throw conflict(`doctor ${doctorId} is not suspended`);
    const stamp = stampOf(ctx, actor);
    record.rxRight = 'ACTIVE';
    delete record.suspendedAt;
    record.restorations.push({ decisionRef, reason, pointsAtRestore: record.points, recorded: stamp });
    record.updated = stamp;
    await writeRecord(ctx, PRACTITIONER, doctorId, record);
    emit(ctx, 'PrescribingRestored', { doctorId, institutionId: record.institutionId, decisionRef, points: record.points });
    return record;
  }

  @Transaction(false)
  async Get(ctx: Context, doctorId: string): Promise<PractitionerRecord> {
    requireRole(ctx, 'doctor', 'pharmacist', 'insurer', 'investigator', 'admin');
    idArg(doctorId, 'doctorId');
    return mustRead<PractitionerRecord>(ctx, PRACTITIONER, doctorId);
  }
}
