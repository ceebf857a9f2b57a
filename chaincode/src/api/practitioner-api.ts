/** Practitioner: the transactions of the Practitioner contract, each with its argument schema. */
export const PractitionerApi = {} as const;
