/** Catalogue: the transactions of the Catalogue contract, each with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { CatalogueVersion, DrugLookup } from '../model/catalogue';
import { Closed, Code, Distinct, Id, IsoDate, NoArgs, RatioBp, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/**
 * 2 000 drugs per version. The gateway's default request-body limit of 100 kB stops a larger
 * upload anyway: even the shortest possible entry takes 86 bytes of JSON (a real one about 150),
 * so a higher figure here would promise what no request can carry.
 */
export const MAX_DRUGS = 2000;
export const MAX_SUBSTITUTES = 20;

/** A days' supply: on a prescription item, and as a catalogue's per-kind limit. */
export const DaysSupply = Type.Integer({ minimum: 1, maximum: 365, description: 'a days’ supply from 1 to 365' });

export const DrugEntryArg = Closed({
  drugCode: Code,
  name: Text(128),
  genericGroup: Code,
  inCatalogue: Type.Boolean(),
  selfPayRatioBp: RatioBp,
  /** Other drugs of the same version; none when left out. */
  substitutes: Type.Optional(Distinct(Code, 0, MAX_SUBSTITUTES)),
  /** Key-monitored (RX-14); false when left out. */
  monitored: Type.Optional(Type.Boolean()),
});

export const CatalogueLimitsArg = Closed({ ordinaryMaxDays: DaysSupply, emergencyMaxDays: DaysSupply, longMaxDays: DaysSupply });

export const CatalogueApi = {
  PublishVersion: submitTx('Catalogue:PublishVersion', {
    args: Closed({
      versionId: Id,
      effectiveFrom: IsoDate,
      drugs: Type.Array(DrugEntryArg, { minItems: 1, maxItems: MAX_DRUGS }),
      limits: CatalogueLimitsArg,
    }),
    result: returns<CatalogueVersion>(),
  }),
  GetVersionInForce: evaluateTx('Catalogue:GetVersionInForce', { args: NoArgs, result: returns<CatalogueVersion>() }),
  GetVersion: evaluateTx('Catalogue:GetVersion', { args: Closed({ versionId: Id }), result: returns<CatalogueVersion>() }),
  GetDrug: evaluateTx('Catalogue:GetDrug', { args: Closed({ drugCode: Code }), result: returns<DrugLookup>() }),
} as const;
