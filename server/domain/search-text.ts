// Text search that works for Japanese and English alike: NFKC folds full-width/half-width forms
// (ＡＩ → ai, ｶﾞ → ガ, the ideographic space → space) and lower-casing folds English case, so a
// plain substring match finds a two-character Japanese fragment or an English word.

export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The searchable text of a measure, stored in measures.search_text. */
export function measureSearchText(parts: readonly (string | null | undefined)[]): string {
  return normalizeSearchText(parts.filter((p): p is string => Boolean(p)).join('\n'));
}

/** Splits a query into terms that must all match. */
export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  return normalizeSearchText(query)
    .split(/\s+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 10);
}
