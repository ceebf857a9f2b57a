/** Trace: the transactions of the Trace contract, each with its argument schema. */
export const TraceApi = {} as const;
