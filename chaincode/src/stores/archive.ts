/** Import batches (key batchId), and what one import transaction reads and changes across its visits. */
import type { Context } from 'fabric-contract-api';
import { forbidden, notFound, ruleViolation } from '../ledger/errors';
import { RecordStore } from '../ledger/record-store';
import type { ImportBatchRecord } from '../model/archive';
import type { InstitutionKind, InstitutionRecord } from '../model/institution';
import type { InsuredPersonRecord } from '../model/insured-person';
import type { PolicyRecord } from '../model/policy';
import type { PractitionerRecord } from '../model/practitioner';
import { inForceOn } from '../rules/policy';
import { institutions } from './institutions';
import { insuredPersons } from './insured-persons';
import { policyVersions } from './policies';
import { practitioners } from './practitioners';

export const importBatches = new RecordStore<ImportBatchRecord>('import-batch', (b) => b.batchId);

/**
 * Records several visits of one batch change (a patient's benefit year): read from the ledger once, changed visit by visit in memory, since a transaction does
 * not read its own writes, and saved once at the end against the version read.
 */
export class WorkingCopies<T extends object> {
  private readonly read = new Map<string, T | undefined>();
  private readonly changed = new Map<string, T>();

  constructor(
    private readonly ctx: Context,
    private readonly store: RecordStore<T>,
  ) {}

  async get(id: string): Promise<T | undefined> {
    const latest = this.changed.get(id);
    if (latest) return latest;
    if (!this.read.has(id)) this.read.set(id, await this.store.get(this.ctx, id));
    return this.read.get(id);
  }

  set(id: string, next: T): void {
    this.changed.set(id, next);
  }

  async saveAll(): Promise<void> {
    for (const [id, next] of this.changed) await this.store.save(this.ctx, next, this.read.get(id));
  }
}

/** The registry, insured-person and policy records a batch's visits share, each read once per transaction. */
export class ImportReads {
  private readonly institutionsById = new Map<string, Promise<InstitutionRecord | undefined>>();
  private readonly practitionersById = new Map<string, Promise<PractitionerRecord | undefined>>();
  private readonly insuredByRef = new Map<string, Promise<InsuredPersonRecord | undefined>>();
  private readonly policiesByRegion = new Map<string, Promise<PolicyRecord[]>>();

  constructor(
    private readonly ctx: Context,
    private readonly region: string,
  ) {}

  /** An institution of the importing region, of the kind the visit says it is. */
  async institution(institutionId: string, kinds: readonly InstitutionKind[]): Promise<InstitutionRecord> {
    const institution = await cached(this.institutionsById, institutionId, () => institutions.get(this.ctx, institutionId));
    if (!institution) throw notFound(`institution ${institutionId} is not registered`);
    if (!kinds.includes(institution.kind)) throw ruleViolation(`institution ${institutionId} is a ${institution.kind}, not a ${kinds.join(' or ')}`);
    if (institution.region !== this.region) throw forbidden(`institution ${institutionId} is in region ${institution.region}; the insurer of ${this.region} imports its own region's history`);
    return institution;
  }

  /** A registered doctor of the hospital. */
  async doctorOf(doctorId: string, institutionId: string): Promise<PractitionerRecord> {
    const doctor = await cached(this.practitionersById, doctorId, () => practitioners.get(this.ctx, doctorId));
    if (!doctor) throw notFound(`practitioner ${doctorId} is not registered`);
    if (doctor.institutionId !== institutionId) throw ruleViolation(`practitioner ${doctorId} is registered at ${doctor.institutionId}, not ${institutionId}`);
    return doctor;
  }

  /** The patient's insured-person record, if any. */
  insured(patientRef: string): Promise<InsuredPersonRecord | undefined> {
    return cached(this.insuredByRef, patientRef, () => insuredPersons.get(this.ctx, patientRef));
  }

  /** The region's policy in force on a date. */
  async policyOn(region: string, date: string): Promise<PolicyRecord> {
    const policy = inForceOn(await cached(this.policiesByRegion, region, () => policyVersions(this.ctx, region)), date);
    if (!policy) throw ruleViolation(`no policy of region ${region} is in force on ${date} (Archive:ImportPolicy records the terms of the time)`);
    return policy;
  }
}

function cached<T>(map: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = read();
    map.set(key, value);
  }
  return value;
}
