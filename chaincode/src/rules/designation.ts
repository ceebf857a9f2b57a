/**
 * Whether a designated institution may act on a China date (CR-10): its agreement must be in
 * its validity period and ACTIVE, or SUSPENDED with the suspension over (it ends at midnight
 * China time after suspendedUntil). Returns the refusal's reason, or undefined.
 */
import type { InstitutionRecord } from '../model/institution';

export function agreementRefusal(institution: Pick<InstitutionRecord, 'institutionId' | 'agreement'>, today: string): string | undefined {
  const { agreement, institutionId } = institution;
  if (agreement.status === 'REVOKED') return `CR-10: the designation agreement of ${institutionId} is revoked`;
  if (agreement.status === 'SUSPENDED' && (agreement.suspendedUntil === undefined || today <= agreement.suspendedUntil)) {
    return `CR-10: the designation agreement of ${institutionId} is suspended${agreement.suspendedUntil ? ` until ${agreement.suspendedUntil} inclusive` : ''}`;
  }
  if (today < agreement.validFrom) return `CR-10: the designation agreement of ${institutionId} starts on ${agreement.validFrom}`;
  if (today > agreement.validTo) return `CR-10: the designation agreement of ${institutionId} ended on ${agreement.validTo}`;
  return undefined;
}
