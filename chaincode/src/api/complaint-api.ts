/** Complaint: the transactions of the Complaint contract, each with its argument schema. */
export const ComplaintApi = {} as const;
