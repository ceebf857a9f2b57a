/** Catalogue: the transactions of the Catalogue contract, each with its argument schema. */
export const CatalogueApi = {} as const;
