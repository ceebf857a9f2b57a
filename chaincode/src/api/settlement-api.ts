/** Settlement: the transactions of the Settlement contract, each with its argument schema. */
export const SettlementApi = {} as const;
