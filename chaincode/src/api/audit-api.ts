/** Audit: the transactions of the Audit contract, each with its argument schema. */
export const AuditApi = {} as const;
