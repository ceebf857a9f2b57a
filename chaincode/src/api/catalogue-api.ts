/** Catalogue: the transactions of the Catalogue contract, each with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { Page } from '../model/audit';
import type { CatalogueDrug, CatalogueVersion, DrugLookup } from '../model/catalogue';
import { COVERAGE_CLASSES } from '../model/coverage';
import { Closed, Code, DiagnosisPrefix, Distinct, Id, IsoDate, MAX_FEN, NoArgs, OneOf, Paging, RatioBp, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** The national reimbursement list holds about 3 100 drugs; a version may list up to 5 000. */
export const MAX_DRUGS = 5000;
/**
 * Drugs per upload batch. A real entry takes about 250 bytes of JSON, so a full batch stays well
 * inside the gateway's 100 kB request-body limit and a transaction's write set stays small.
 */
export const MAX_BATCH = 200;
export const MAX_SUBSTITUTES = 20;
export const MAX_INDICATIONS = 30;

/** A days' supply: on a prescription item, and as a catalogue's per-kind limit. */
export const DaysSupply = Type.Integer({ minimum: 1, maximum: 365, description: 'a days’ supply from 1 to 365' });

/** 医保支付标准: the most the fund recognises per unit (tablet, capsule, vial, pen), in fen. */
export const PaymentStandard = Type.Integer({ minimum: 1, maximum: MAX_FEN, description: `a payment standard per unit from 1 to ${MAX_FEN} fen` });

/**
 * Class 甲 A, 乙 B, 丙 C or 目录外 NONE. The self-pay ratio is required for B (1..9 999 bp) and
 * fixed for the others (A 0, C and NONE 10 000), so it may be left out there; a payment standard
 * is required for A and B (rules/catalogue-entries.ts).
 */
export const CoverageArg = Closed({
  class: OneOf(COVERAGE_CLASSES),
  selfPayRatioBp: Type.Optional(RatioBp),
  paymentStandardFen: Type.Optional(PaymentStandard),
});

export const DrugArg = Closed({
  drugCode: Code,
  name: Text(128),
  genericGroup: Code,
  coverage: CoverageArg,
  /** Other drugs of the same version; none when left out. Sealing checks the version lists them. */
  substitutes: Type.Optional(Distinct(Code, 0, MAX_SUBSTITUTES)),
  /** Key-monitored (RX-14); false when left out. */
  monitored: Type.Optional(Type.Boolean()),
  /** ICD-10 prefixes the drug is indicated for (SR-03 off-indication use); none listed, no check, when left out. */
  indications: Type.Optional(Distinct(DiagnosisPrefix, 0, MAX_INDICATIONS)),
  /** A health supplement (保健品, RX-12); false when left out. */
  healthSupplement: Type.Optional(Type.Boolean()),
});

export const CatalogueLimitsArg = Closed({ ordinaryMaxDays: DaysSupply, emergencyMaxDays: DaysSupply, longMaxDays: DaysSupply });

const VersionRef = Closed({ versionId: Id });

export const CatalogueApi = {
  /** Opens a version for upload, declaring how many drugs it will list. */
  OpenVersion: submitTx('Catalogue:OpenVersion', {
    args: Closed({
      versionId: Id,
      effectiveFrom: IsoDate,
      limits: CatalogueLimitsArg,
      drugCount: Type.Integer({ minimum: 1, maximum: MAX_DRUGS, description: `a drug count from 1 to ${MAX_DRUGS}` }),
    }),
    result: returns<CatalogueVersion>(),
  }),
  AddDrugs: submitTx('Catalogue:AddDrugs', {
    args: Closed({ versionId: Id, drugs: Type.Array(DrugArg, { minItems: 1, maxItems: MAX_BATCH }) }),
    result: returns<CatalogueVersion>(),
  }),
  SealVersion: submitTx('Catalogue:SealVersion', { args: VersionRef, result: returns<CatalogueVersion>() }),
  GetVersionInForce: evaluateTx('Catalogue:GetVersionInForce', { args: NoArgs, result: returns<CatalogueVersion>() }),
  GetVersion: evaluateTx('Catalogue:GetVersion', { args: VersionRef, result: returns<CatalogueVersion>() }),
  /** One drug of the given version, or of the version in force when none is given. */
  GetDrug: evaluateTx('Catalogue:GetDrug', { args: Closed({ drugCode: Code, versionId: Type.Optional(Id) }), result: returns<DrugLookup>() }),
  ListDrugs: evaluateTx('Catalogue:ListDrugs', { args: Closed({ versionId: Id, ...Paging }), result: returns<Page<CatalogueDrug>>() }),
} as const;
