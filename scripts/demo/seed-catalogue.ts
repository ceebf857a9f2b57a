/**
 * The demo drug catalogue: real generic drugs under NHSA-style codes (X + ATC code for Western
 * medicines, Z + class code for Chinese patent medicines), with their class 甲 A / 乙 B / 丙 C /
 * 目录外 NONE, the self-pay ratio of class B and a payment standard per unit in fen at
 * volume-based-procurement prices (enalapril 10 mg is a few tens of fen a tablet, an insulin pen
 * tens of yuan). Bevacizumab is kept outside the catalogue for the demo. Also a generator of
 * catalogues of any size up to the version limit, for the "5-drug vs 3 000-drug" benchmark.
 */
import { MAX_BATCH, MAX_DRUGS } from '../../chaincode/src/api/catalogue-api';
import type { DrugInput } from '../../chaincode/src/rules/catalogue-entries';
import type { Call, CallError } from './api';
import { chinaToday } from './api';

type Drug = DrugInput & { substitutes: string[]; monitored: boolean };

const A = (paymentStandardFen: number) => ({ class: 'A', paymentStandardFen }) as const;
const B = (selfPayRatioBp: number, paymentStandardFen: number) => ({ class: 'B', selfPayRatioBp, paymentStandardFen }) as const;
const C = { class: 'C' } as const;
const NONE = { class: 'NONE' } as const;

const drug = (drugCode: string, name: string, genericGroup: string, coverage: Drug['coverage'], substitutes: string[] = [], monitored = false): Drug => ({
  drugCode,
  name,
  genericGroup,
  coverage,
  substitutes,
  monitored,
});

/** A drug with the diagnoses (ICD-10 prefixes) it is indicated for: a claim for it under none of them is off-indication use (SR-03). */
const indicated = (d: Drug, indications: string[]): Drug => ({ ...d, indications });

/** The five codes the tests and the demo story prescribe, first, so every catalogue of five or more holds them. */
export const CORE_DRUGS: Drug[] = [
  indicated(drug('XA10BA02', 'Metformin hydrochloride 500 mg tablet (盐酸二甲双胍片)', 'metformin', A(6)), ['E11']),
  drug('XC09AA02', 'Enalapril maleate 10 mg tablet (马来酸依那普利片)', 'enalapril', A(28), ['XC09AA05']),
  drug('XC09AA05', 'Ramipril 5 mg tablet (雷米普利片)', 'ramipril', B(1000, 45), ['XC09AA02']),
  drug('XJ01CA04', 'Amoxicillin 250 mg capsule (阿莫西林胶囊)', 'amoxicillin', A(12), [], true),
  drug('XL01XC07', 'Bevacizumab injection 100 mg/4 ml vial (贝伐珠单抗注射液)', 'bevacizumab', NONE, [], true),
];

export const DEMO_DRUGS: Drug[] = [
  ...CORE_DRUGS,
  // Cardiovascular
  indicated(drug('XC08CA01', 'Amlodipine besylate 5 mg tablet (苯磺酸氨氯地平片)', 'amlodipine', A(15)), ['I10', 'I11', 'I12', 'I13', 'I15', 'I20']),
  drug('XC08CA05', 'Nifedipine controlled-release 30 mg tablet (硝苯地平控释片)', 'nifedipine', A(62)),
  drug('XC09CA01', 'Losartan potassium 50 mg tablet (氯沙坦钾片)', 'losartan', A(32), ['XC09CA03', 'XC09CA04']),
  drug('XC09CA03', 'Valsartan 80 mg capsule (缬沙坦胶囊)', 'valsartan', A(35), ['XC09CA01', 'XC09CA04']),
  drug('XC09CA04', 'Irbesartan 150 mg tablet (厄贝沙坦片)', 'irbesartan', A(24), ['XC09CA01', 'XC09CA03']),
  drug('XC09CA07', 'Telmisartan 40 mg tablet (替米沙坦片)', 'telmisartan', B(1000, 38)),
  drug('XC07AB07', 'Bisoprolol fumarate 5 mg tablet (富马酸比索洛尔片)', 'bisoprolol', A(22), ['XC07AB02']),
  drug('XC07AB02', 'Metoprolol tartrate 25 mg tablet (酒石酸美托洛尔片)', 'metoprolol', A(9), ['XC07AB07']),
  drug('XC03CA01', 'Furosemide 20 mg tablet (呋塞米片)', 'furosemide', A(3)),
  drug('XC03AA03', 'Hydrochlorothiazide 25 mg tablet (氢氯噻嗪片)', 'hydrochlorothiazide', A(2)),
  drug('XC10AA05', 'Atorvastatin calcium 20 mg tablet (阿托伐他汀钙片)', 'atorvastatin', A(19), ['XC10AA07', 'XC10AA01']),
  drug('XC10AA07', 'Rosuvastatin calcium 10 mg tablet (瑞舒伐他汀钙片)', 'rosuvastatin', A(18), ['XC10AA05']),
  drug('XC10AA01', 'Simvastatin 20 mg tablet (辛伐他汀片)', 'simvastatin', A(10), ['XC10AA05']),
  drug('XB01AC06', 'Aspirin enteric-coated 100 mg tablet (阿司匹林肠溶片)', 'aspirin', A(4)),
  drug('XB01AC04', 'Clopidogrel bisulfate 75 mg tablet (硫酸氢氯吡格雷片)', 'clopidogrel', A(40)),
  drug('XB01AF01', 'Rivaroxaban 10 mg tablet (利伐沙班片)', 'rivaroxaban', B(1000, 150)),
  drug('XC01DA14', 'Isosorbide mononitrate sustained-release 40 mg tablet (单硝酸异山梨酯缓释片)', 'isosorbide-mononitrate', A(30)),
  drug('XC01AA05', 'Digoxin 0.25 mg tablet (地高辛片)', 'digoxin', A(8)),
  // Diabetes
  drug('XA10BB12', 'Glimepiride 2 mg tablet (格列美脲片)', 'glimepiride', A(12)),
  drug('XA10BF01', 'Acarbose 50 mg tablet (阿卡波糖片)', 'acarbose', A(18)),
  drug('XA10BH01', 'Sitagliptin phosphate 100 mg tablet (磷酸西格列汀片)', 'sitagliptin', B(1000, 120)),
  drug('XA10BK01', 'Dapagliflozin 10 mg tablet (达格列净片)', 'dapagliflozin', B(1000, 350)),
  indicated(drug('XA10AE04', 'Insulin glargine 300 IU/3 ml prefilled pen (甘精胰岛素注射液)', 'insulin-glargine', B(1000, 6500)), ['E10', 'E11']),
  indicated(drug('XA10AB05', 'Insulin aspart 300 IU/3 ml prefilled pen (门冬胰岛素注射液)', 'insulin-aspart', B(500, 3300)), ['E10', 'E11']),
  // Antibiotics: key-monitored (RX-14)
  drug('XJ01CR02', 'Amoxicillin and clavulanate potassium 625 mg tablet (阿莫西林克拉维酸钾片)', 'amoxicillin-clavulanate', B(1000, 95), [], true),
  drug('XJ01DC02', 'Cefuroxime axetil 250 mg tablet (头孢呋辛酯片)', 'cefuroxime', A(38), [], true),
  drug('XJ01DD04', 'Ceftriaxone sodium for injection 1 g vial (注射用头孢曲松钠)', 'ceftriaxone', A(150), [], true),
  drug('XJ01FA10', 'Azithromycin 250 mg tablet (阿奇霉素片)', 'azithromycin', A(55), [], true),
  drug('XJ01MA12', 'Levofloxacin 500 mg tablet (左氧氟沙星片)', 'levofloxacin', A(60), ['XJ01MA02'], true),
  drug('XJ01MA02', 'Ciprofloxacin hydrochloride 250 mg tablet (盐酸环丙沙星片)', 'ciprofloxacin', A(14), ['XJ01MA12'], true),
  drug('XJ01XD01', 'Metronidazole 200 mg tablet (甲硝唑片)', 'metronidazole', A(2), [], true),
  // Digestive, respiratory, pain, endocrine, psychiatric, fluids
  drug('XA02BC01', 'Omeprazole enteric-coated 20 mg capsule (奥美拉唑肠溶胶囊)', 'omeprazole', A(14), ['XA02BC05']),
  drug('XA02BC05', 'Esomeprazole magnesium enteric-coated 20 mg tablet (艾司奥美拉唑镁肠溶片)', 'esomeprazole', B(1000, 90), ['XA02BC01']),
  drug('XA07DA03', 'Loperamide hydrochloride 2 mg capsule (盐酸洛哌丁胺胶囊)', 'loperamide', A(20)),
  drug('XR03AC02', 'Salbutamol sulfate inhalation aerosol 100 µg × 200 doses (硫酸沙丁胺醇吸入气雾剂)', 'salbutamol', A(2300)),
  drug('XR03BA02', 'Budesonide suspension for inhalation 1 mg/2 ml (吸入用布地奈德混悬液)', 'budesonide', B(1000, 220)),
  drug('XR06AE07', 'Cetirizine hydrochloride 10 mg tablet (盐酸西替利嗪片)', 'cetirizine', B(2000, 12)),
  drug('XR05CB01', 'Acetylcysteine effervescent 600 mg tablet (乙酰半胱氨酸泡腾片)', 'acetylcysteine', B(3000, 110)),
  drug('XM01AE01', 'Ibuprofen sustained-release 300 mg capsule (布洛芬缓释胶囊)', 'ibuprofen', A(6)),
  drug('XN02BE01', 'Paracetamol 500 mg tablet (对乙酰氨基酚片)', 'paracetamol', A(3)),
  drug('XM01AH01', 'Celecoxib 200 mg capsule (塞来昔布胶囊)', 'celecoxib', B(1000, 30)),
  drug('XM04AA01', 'Allopurinol 100 mg tablet (别嘌醇片)', 'allopurinol', A(5)),
  drug('XH03AA01', 'Levothyroxine sodium 50 µg tablet (左甲状腺素钠片)', 'levothyroxine', A(12)),
  drug('XH02AB07', 'Prednisone acetate 5 mg tablet (醋酸泼尼松片)', 'prednisone', A(3)),
  drug('XN06AB06', 'Sertraline hydrochloride 50 mg tablet (盐酸舍曲林片)', 'sertraline', B(1000, 55)),
  drug('XB05BB01', 'Sodium chloride injection 0.9 % 250 ml (氯化钠注射液)', 'sodium-chloride', A(250)),
  // Chinese patent medicines; the injections are key-monitored (RX-14)
  drug('ZA12BAD0311', 'Danhong injection 10 ml (丹红注射液)', 'danhong', B(1500, 2600), [], true),
  drug('ZA12AAS0267', 'Xueshuantong for injection, lyophilised, 250 mg (注射用血栓通(冻干))', 'xueshuantong', B(2000, 1800), [], true),
  drug('ZA06BAX0160', 'Xiyanping injection 5 ml (喜炎平注射液)', 'xiyanping', B(2000, 1900), [], true),
  drug('ZA04AAL0056', 'Lianhua Qingwen capsule 0.35 g (连花清瘟胶囊)', 'lianhua-qingwen', A(32)),
  drug('ZA12GAF0187', 'Compound Danshen dripping pill 27 mg (复方丹参滴丸)', 'compound-danshen', A(14)),
  // Class C (丙): the patient pays in full
  drug('XG04BE03', 'Sildenafil citrate 50 mg tablet (枸橼酸西地那非片)', 'sildenafil', C),
  drug('XA08AB01', 'Orlistat 120 mg capsule (奥利司他胶囊)', 'orlistat', C),
  drug('XD11AX01', 'Minoxidil topical solution 5 % 60 ml (米诺地尔搽剂)', 'minoxidil', C),
];

export const DEMO_LIMITS = { ordinaryMaxDays: 7, emergencyMaxDays: 3, longMaxDays: 90 };

/** The i-th synthetic drug (0-based): 60 % class A, 20 % B (5-30 % self-pay), 10 % C, 10 % out of catalogue; pairs substitute each other. */
function syntheticDrug(i: number, count: number): Drug {
  const code = (k: number) => `XZ${String(k + 1).padStart(5, '0')}`;
  const slot = i % 10;
  const standard = 5 + ((i * 7919) % 20_000);
  const coverage: Drug['coverage'] = slot < 6 ? A(standard) : slot < 8 ? B(500 * (1 + (i % 6)), standard) : slot === 8 ? C : NONE;
  const partner = i ^ 1;
  return drug(code(i), `Generic drug ${i + 1} 10 mg tablet (仿制药${i + 1})`, `group-${(i % 400) + 1}`, coverage, partner < count ? [code(partner)] : [], i % 17 === 0);
}

/**
 * A catalogue of exactly n drugs, the same for the same n: the demo drugs first (the five core
 * codes leading), then synthetic ones. Substitutes outside the n drugs are dropped, so every
 * result can be sealed as it is.
 */
export function catalogueOfSize(n: number): Drug[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_DRUGS) throw new RangeError(`a catalogue holds 1 to ${MAX_DRUGS} drugs, not ${n}`);
  const real = DEMO_DRUGS.slice(0, n);
  const extra = Array.from({ length: n - real.length }, (_, i) => syntheticDrug(i, n - real.length));
  const all = [...real, ...extra];
  const codes = new Set(all.map((d) => d.drugCode));
  return all.map((d) => ({ ...d, substitutes: d.substitutes.filter((code) => codes.has(code)) }));
}

const INSURER = 'insurer-sh';

/** Runs a seeding step; 409 means it is done already. Retries while endorsers are still being discovered after start-up. */
async function step(what: string, log: (s: string) => void, fn: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      log(`seeded ${what}`);
      return;
    } catch (err) {
      const e = err as CallError;
      if (e.status === 409) {
        log(`${what}: already there`);
        return;
      }
      if ((e.status === 502 || e.status === 503) && attempt < 15) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        continue;
      }
      throw new Error(`seeding ${what} failed: ${e.message} ${JSON.stringify(e.details ?? '')}`);
    }
  }
}

/**
 * Opens a catalogue version effective today (China date), uploads the drugs in batches and seals
 * it — unless a version is in force already. Idempotent: a rerun after a partial upload skips
 * the batches already committed (409) and seals.
 */
export async function seedCatalogue(call: Call, log: (s: string) => void = () => undefined, drugs: readonly DrugInput[] = DEMO_DRUGS): Promise<void> {
  const inForce = await call('GET', '/catalogue', INSURER).catch((e: CallError) => (e.status === 404 ? undefined : Promise.reject(e)));
  if (inForce) {
    log('drug catalogue: a version is in force already');
    return;
  }
  const today = chinaToday();
  const versionId = `CAT-${today}`;
  await step(`catalogue version ${versionId}`, log, () =>
    call('POST', '/catalogue/versions', INSURER, { versionId, effectiveFrom: today, limits: DEMO_LIMITS, drugCount: drugs.length }),
  );
  for (let i = 0; i < drugs.length; i += MAX_BATCH) {
    const batch = drugs.slice(i, i + MAX_BATCH);
    await step(`catalogue drugs ${i + 1}-${i + batch.length} of ${drugs.length}`, log, () => call('POST', `/catalogue/versions/${versionId}/drugs`, INSURER, { drugs: batch }));
  }
  await step(`catalogue version ${versionId} sealed`, log, () => call('POST', `/catalogue/versions/${versionId}/seal`, INSURER, {}));
}
