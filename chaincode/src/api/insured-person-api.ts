/** InsuredPerson: the transactions of the InsuredPerson contract, each with its argument schema. */
export const InsuredPersonApi = {} as const;
