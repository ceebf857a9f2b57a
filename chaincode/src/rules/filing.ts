/** Cross-region filings (XR-05, XR-06): what a filing must say and who may make it. */
import { forbidden, ruleViolation, validationError } from '../ledger/errors';
import type { FilingRecord } from '../model/filing';

type FilingTerms = Pick<FilingRecord, 'insuredRegion' | 'treatmentRegion' | 'period' | 'emergencyPostFiled'>;

/**
 * A filing names another region than the patient's, a period that runs forwards, is made by the
 * insured region's insurer, and may cover days already past only as an emergency post-filing.
 */
export function checkFiling(filing: FilingTerms, insurerRegion: string, today: string): void {
  if (filing.treatmentRegion === filing.insuredRegion) throw validationError('treatmentRegion', 'must differ from insuredRegion');
  if (filing.period.from > filing.period.to) throw validationError('period.from', 'must not be after period.to');
  if (filing.insuredRegion !== insurerRegion) throw forbidden(`only the insurer of region ${filing.insuredRegion} may file for its insured`);
  if (filing.period.from < today && !filing.emergencyPostFiled) {
    throw ruleViolation(`XR-06: period starts ${filing.period.from}, before today (${today}); only emergency care may be filed afterwards`);
  }
}
