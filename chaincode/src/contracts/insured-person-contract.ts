import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { InsuredPersonApi as Api } from '../api/insured-person-api';
import { authorise, stampOf } from '../ledger/caller';
import { emit } from '../ledger/events';
import { insurerRegionOf } from '../ledger/parties';
import { argsOf } from '../ledger/transaction-input';
import type { InsuredPersonRecord } from '../model/insured-person';
import { checkInsurerOf, credited, enrolled, repeatedEnrolments, withInsuredStatus } from '../rules/insured-person';
import { invalidFields } from '../ledger/errors';
import { insuredPersons } from '../stores/insured-persons';

/** The insured region's record of a patient: the source of every claim's insured region, status and personal account. */
@Info({ title: 'InsuredPerson', description: 'Insured persons: insured region, scheme, status and personal account (XR-01, XR-05)' })
export class InsuredPersonContract extends Contract {
  constructor() {
    super('InsuredPerson');
  }

  /** The calling insurer enrols a patient in its own region; a patient insured anywhere already is a CONFLICT. */
  @Transaction()
  async Enrol(ctx: Context, args: string): Promise<InsuredPersonRecord> {
    const actor = await authorise(ctx, Api.Enrol);
    const region = insurerRegionOf(actor);
    const enrolment = argsOf(Api.Enrol, args);
    const record = enrolled(await insuredPersons.get(ctx, enrolment.patientRef), enrolment, region, stampOf(ctx, actor));
    await insuredPersons.save(ctx, record);
    emit(ctx, 'InsuredPersonEnrolled', { patientRef: record.patientRef, insuredRegion: region, scheme: record.scheme });
    return record;
  }

  /** The calling insurer enrols a list of patients in its own region, each as Enrol does, in one transaction: all of them or none. */
  @Transaction()
  async EnrolBatch(ctx: Context, args: string): Promise<{ insuredRegion: string; enrolled: number }> {
    const actor = await authorise(ctx, Api.EnrolBatch);
    const region = insurerRegionOf(actor);
    const { persons } = argsOf(Api.EnrolBatch, args);
    const repeated = repeatedEnrolments(persons);
    if (repeated.length > 0) throw invalidFields(repeated);
    const stamp = stampOf(ctx, actor);
    for (const enrolment of persons) await insuredPersons.save(ctx, enrolled(await insuredPersons.get(ctx, enrolment.patientRef), enrolment, region, stamp));
    emit(ctx, 'InsuredPersonsEnrolled', { insuredRegion: region, enrolled: persons.length });
    return { insuredRegion: region, enrolled: persons.length };
  }

  /** The insured region's insurer suspends, restores or ends the insurance, with a reason; only ACTIVE insurance pays claims. */
  @Transaction()
  async SetStatus(ctx: Context, args: string): Promise<InsuredPersonRecord> {
    const actor = await authorise(ctx, Api.SetStatus);
    const region = insurerRegionOf(actor);
    const { patientRef, status, reason } = argsOf(Api.SetStatus, args);
    const person = await insuredPersons.mustGet(ctx, patientRef);
    checkInsurerOf(person, region);
    const next = withInsuredStatus(person, status, reason, stampOf(ctx, actor));
    await insuredPersons.save(ctx, next, person);
    emit(ctx, 'InsuredPersonStatusSet', { patientRef, insuredRegion: region, status });
    return next;
  }

  /** The insured region's insurer pays into the personal account (the yearly allocation), once per reference. */
  @Transaction()
  async CreditAccount(ctx: Context, args: string): Promise<InsuredPersonRecord> {
    const actor = await authorise(ctx, Api.CreditAccount);
    const region = insurerRegionOf(actor);
    const { patientRef, amountFen, reference } = argsOf(Api.CreditAccount, args);
    const person = await insuredPersons.mustGet(ctx, patientRef);
    checkInsurerOf(person, region);
    const next = credited(person, amountFen, reference, stampOf(ctx, actor));
    await insuredPersons.save(ctx, next, person);
    emit(ctx, 'InsuredPersonAccountCredited', { patientRef, insuredRegion: region, amountFen, reference });
    return next;
  }

  /** Any enrolled role reads it (see the access table): staff need it at the counter, insurers of both regions to settle. */
  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<InsuredPersonRecord> {
    await authorise(ctx, Api.Get);
    return insuredPersons.mustGet(ctx, argsOf(Api.Get, args).patientRef);
  }
}
