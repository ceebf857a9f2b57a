/** Claim: the transactions of the Claim contract, each with its argument schema. */
export const ClaimApi = {} as const;
