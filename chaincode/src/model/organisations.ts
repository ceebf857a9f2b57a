/** The channel's member organisations, their MSP ids and the roles their CAs may issue. */
export const MSP = {
  hospital: 'HospitalMSP',
  pharmacy: 'PharmacyMSP',
  insurerSH: 'InsurerSHMSP',
  insurerBJ: 'InsurerBJMSP',
  regulator: 'RegulatorMSP',
} as const;

export type MspId = (typeof MSP)[keyof typeof MSP];

export const ROLES = ['doctor', 'pharmacist', 'insurer', 'investigator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A role is only believed when it comes from an org whose CA may issue it: a pharmacy CA that
 * wrote role=doctor into a certificate does not make its holder a doctor.
 */
export const ROLE_ISSUERS: Record<Role, readonly MspId[]> = {
  doctor: [MSP.hospital],
  pharmacist: [MSP.pharmacy],
  insurer: [MSP.insurerSH, MSP.insurerBJ],
  investigator: [MSP.regulator],
  admin: [MSP.hospital, MSP.pharmacy, MSP.insurerSH, MSP.insurerBJ, MSP.regulator],
};

/** Administrative division codes (GB/T 2260) of the regions an insurer org acts for. */
export const INSURER_REGION: Partial<Record<MspId, string>> = {
  [MSP.insurerSH]: '310000',
  [MSP.insurerBJ]: '110000',
};

/** Certificate attribute names written by the org CAs (fabric-ca `--id.attrs name=value:ecert`). */
export const CERT_ATTR = {
  role: 'role',
  region: 'region',
  institution: 'institutionId',
  licence: 'licenceId',
} as const;
