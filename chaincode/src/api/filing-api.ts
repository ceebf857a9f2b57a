/** Filing: the transactions of the Filing contract, each with its argument schema. */
export const FilingApi = {} as const;
