import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { EncounterApi as Api } from '../api/encounter-api';
import { authorise, stampOf } from '../ledger/caller';
import { conflict, forbidden, ruleViolation } from '../ledger/errors';
import { emit } from '../ledger/events';
import { isStaffOf, staffOf } from '../ledger/parties';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { Page } from '../model/audit';
import type { EncounterRecord } from '../model/encounter';
import type { Caller } from '../model/membership';
import { totalFenOf } from '../rules/claim-lines';
import { chinaDateOf } from '../rules/dates';
import { encounterLines } from '../rules/encounter-lines';
import { attendingRefusal, checkEncounterArgs, checkPrescriptions } from '../rules/encounter-record';
import { encounters, encountersOfPatient } from '../stores/encounters';
import { actingInstitution } from '../stores/institutions';
import { practitioners } from '../stores/practitioners';
import { prescriptions } from '../stores/prescriptions';

/** Insurers and investigators see every encounter; hospital staff those of their own institution. */
const mayRead = (actor: Caller, e: Pick<EncounterRecord, 'institutionId'>): boolean =>
  actor.role === 'insurer' || actor.role === 'investigator' || isStaffOf(actor, e.institutionId);

@Info({ title: 'Encounter', description: 'Visits recorded by the hospital when they happen, the record encounter claims are priced by (RX-03)' })
export class EncounterContract extends Contract {
  constructor() {
    super('Encounter');
  }

  /**
   * Hospital staff record a visit of their designated institution: its dates, attending doctor
   * (registered there), the prescriptions issued in it and its fee lines, each with the coverage
   * it will be claimed by (rules/encounter-lines.ts).
   */
  @Transaction()
  async Record(ctx: Context, args: string): Promise<EncounterRecord> {
    const actor = await authorise(ctx, Api.Record);
    const staff = staffOf(actor);
    if (staff.kind !== 'hospital') throw forbidden('only hospital staff record encounters');
    const input = argsOf(Api.Record, args);
    const today = chinaDateOf(txTimeMs(ctx));
    checkEncounterArgs(input, today);
    const institution = await actingInstitution(ctx, staff, today);
    if (await encounters.exists(ctx, input.encounterId)) throw conflict(`encounter ${input.encounterId} already exists`);
    const refusal = attendingRefusal(await practitioners.get(ctx, input.attendingDoctorId), input.attendingDoctorId, institution.institutionId);
    if (refusal) throw ruleViolation(refusal);

    const { rxIds = [], feeLines, ...visit } = input;
    const base = { ...visit, institutionId: institution.institutionId, region: institution.region };
    const rxs = await Promise.all(rxIds.map((rxId) => prescriptions.mustGet(ctx, rxId)));
    checkPrescriptions(rxs, base);
    const lines = encounterLines(feeLines, rxs);
    const record: EncounterRecord = { docType: 'encounter', ...base, rxIds, feeLines: lines, totalFen: totalFenOf(lines), recorded: stampOf(ctx, actor) };
    await encounters.save(ctx, record);
    emit(ctx, 'EncounterRecorded', { encounterId: record.encounterId, institutionId: record.institutionId, type: record.type, totalFen: record.totalFen });
    return record;
  }

  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<EncounterRecord> {
    const actor = await authorise(ctx, Api.Get);
    const { encounterId } = argsOf(Api.Get, args);
    const encounter = await encounters.mustGet(ctx, encounterId);
    if (!mayRead(actor, encounter)) throw forbidden(`encounter ${encounterId} is visible to staff of ${encounter.institutionId}, insurers and investigators only`);
    return encounter;
  }

  /** A patient's visits: all of them for insurers and investigators, those of their own institution for hospital staff. */
  @Transaction(false)
  async ListByPatient(ctx: Context, args: string): Promise<Page<EncounterRecord>> {
    const actor = await authorise(ctx, Api.ListByPatient);
    const { patientRef, ...paging } = argsOf(Api.ListByPatient, args);
    if (actor.role !== 'insurer' && actor.role !== 'investigator') {
      const staff = staffOf(actor);
      if (staff.kind !== 'hospital') throw forbidden('only hospital staff, insurers or investigators list encounters');
    }
    return encountersOfPatient(ctx, patientRef, paging, (e) => mayRead(actor, e));
  }
}
