import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { PractitionerApi as Api } from '../api/practitioner-api';
import { authorise, requireAttr, stampOf } from '../ledger/caller';
import { conflict, forbidden } from '../ledger/errors';
import { emit } from '../ledger/events';
import { argsOf } from '../ledger/transaction-input';
import type { Caller } from '../model/membership';
import type { PractitionerRecord } from '../model/practitioner';
import { registeredPractitioner, restored, withViolation } from '../rules/practitioner-points';
import { practitioners } from '../stores/practitioners';

/** Sanctions on a doctor come from the fund's side: an insurer, or an admin of the regulator. */
function requireSanctioner(actor: Caller): Caller {
  if (actor.role === 'admin' && actor.member.kind !== 'regulator') {
    throw forbidden(`only insurers or admins of the regulator may change a doctor's points file, not admins of ${actor.mspId}`);
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
  async Register(ctx: Context, args: string): Promise<PractitionerRecord> {
    const actor = await authorise(ctx, Api.Register);
    if (actor.member.kind !== 'hospital') throw forbidden(`only admins of a hospital org register doctors, not admins of ${actor.mspId}`);
    const { doctorId, institutionId, scope } = argsOf(Api.Register, args);
    if (actor.institutionId !== undefined && actor.institutionId !== institutionId) {
      throw forbidden(`an admin of ${actor.institutionId} cannot register doctors for ${institutionId}`);
    }
    const region = requireAttr(actor, 'region');
    if (await practitioners.exists(ctx, doctorId)) throw conflict(`doctor ${doctorId} is already registered`);
    const record = registeredPractitioner({ doctorId, institutionId, region, scope }, stampOf(ctx, actor));
    await practitioners.save(ctx, record);
    emit(ctx, 'PractitionerRegistered', { doctorId, institutionId });
    return record;
  }

  /**
   * Deducts points for a violation. The deduction that brings the file to 60 or below suspends
   * prescribing in the same transaction, and the transaction's one event says so.
   */
  @Transaction()
  async RecordViolation(ctx: Context, args: string): Promise<PractitionerRecord> {
    const actor = requireSanctioner(await authorise(ctx, Api.RecordViolation));
    const input = argsOf(Api.RecordViolation, args);
    const record = await practitioners.mustGet(ctx, input.doctorId);
    const { record: next, suspendsNow } = withViolation(record, input, stampOf(ctx, actor));
    await practitioners.save(ctx, next, record);
    emit(ctx, suspendsNow ? 'PrescribingSuspended' : 'ViolationRecorded', {
      doctorId: next.doctorId,
      institutionId: next.institutionId,
      ruleId: input.ruleId,
      pointsDeducted: input.points,
      points: next.points,
      rxRight: next.rxRight,
    });
    return next;
  }

  /** Gives a suspended doctor back the prescribing right on a recorded decision; the points stay. */
  @Transaction()
  async Restore(ctx: Context, args: string): Promise<PractitionerRecord> {
    const actor = requireSanctioner(await authorise(ctx, Api.Restore));
    const { doctorId, decisionRef, reason } = argsOf(Api.Restore, args);
    const record = await practitioners.mustGet(ctx, doctorId);
    const next = restored(record, { decisionRef, reason }, stampOf(ctx, actor));
    await practitioners.save(ctx, next, record);
    emit(ctx, 'PrescribingRestored', { doctorId, institutionId: next.institutionId, decisionRef, points: next.points });
    return next;
  }

  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<PractitionerRecord> {
    await authorise(ctx, Api.Get);
    return practitioners.mustGet(ctx, argsOf(Api.Get, args).doctorId);
  }
}
