/** Lower case without accents or punctuation runs, so "Zoë O'Brien" is found by "zoe obrien". */
export function searchable(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) =>
      p
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/['’`]/g, '')
        .replace(/[^\p{L}\p{N}-]+/gu, ' ')
        .trim(),
    )
    .filter((p) => p.length > 0)
    .join(' ');
}

/** Terms of a search box, each normalised as `searchable` would store it. */
export function searchTerms(query: string): string[] {
  return searchable(query)
    .split(' ')
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

/** Escapes LIKE wildcards so a user's % or _ matches literally. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
