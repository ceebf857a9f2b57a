/** Prescription: the transactions of the Prescription contract, each with its argument schema. */
export const PrescriptionApi = {} as const;
