/** Policy: the transactions of the Policy contract, each with its argument schema. */
export const PolicyApi = {} as const;
