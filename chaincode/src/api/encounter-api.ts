/** Encounter: the transactions of the Encounter contract, each with its argument schema. */
export const EncounterApi = {} as const;
