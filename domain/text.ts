/** Lower-case, accent-free, single-spaced: `Muñoz` and `MUNOZ` both become `munoz`. */
export function normalizeForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a search query, normalized; each must appear somewhere in the searchable text. */
export function searchTerms(query: string): string[] {
  return normalizeForSearch(query)
    .split(' ')
    .map((t) => t.replace(/[%_\\]/g, ''))
    .filter(Boolean);
}

/**
 * What a person search matches against. Phones are kept with and without the country prefix,
 * so "600111222" and "+34 600" both find +34600111222.
 */
export function personSearchText(
  p: { firstName?: string | null; lastName?: string | null; code: string; documentId?: string | null },
  emails: readonly string[],
  phones: readonly string[],
): string {
  const phoneForms = phones.flatMap((n) => [n.replace('+', ''), n.replace(/^\+\d{2}/, '')]);
  return normalizeForSearch([p.firstName, p.lastName, p.code, p.documentId, ...emails, ...phoneForms].filter(Boolean).join(' '));
}

/** What a resource directory search matches: name, description and address. */
export function resourceSearchText(r: { name: string; description?: string | null; address?: string | null }): string {
  return normalizeForSearch([r.name, r.description, r.address].filter(Boolean).join(' '));
}
