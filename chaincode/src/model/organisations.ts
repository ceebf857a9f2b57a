/**
 * The roles a certificate may carry and the attribute names the org CAs write. Which org may
 * issue which role, and which region an insurer org acts for, is ledger data: model/membership.ts.
 */
/**
 * `observer` is the gateway's service identity for patient observers (FT-05), who are not Fabric
 * members: it acts for the observer the gateway signed in, on the observer transactions only.
 */
export const ROLES = ['doctor', 'pharmacist', 'insurer', 'investigator', 'admin', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Certificate attribute names written by the org CAs (fabric-ca `--id.attrs name=value:ecert`). */
export const CERT_ATTR = {
  role: 'role',
  region: 'region',
  institution: 'institutionId',
  licence: 'licenceId',
} as const;
