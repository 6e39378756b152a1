/** A catalogue's shape from its Spanish original: every text a string, so the other languages must say the same things. */
export type CatalogueShape<T> = { [K in keyof T]: T[K] extends string ? string : CatalogueShape<T[K]> };
