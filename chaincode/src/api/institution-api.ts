/** Institution: the transactions of the Institution contract, each with its argument schema. */
export const InstitutionApi = {} as const;
