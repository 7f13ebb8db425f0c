// Optimistic concurrency over HTTP (docs/product.md §7 "no lost update", decision 006): a measure's ETag is its
// version number, and every write names the version it was based on in `If-Match`.

/** The strong entity tag of a measure version: `"v12"`. */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

export type IfMatch =
  | { kind: 'missing' }
  /** `If-Match: *` — "whatever is there", which would defeat the point: refused like a missing header. */
  | { kind: 'any' }
  /** The versions named by the strong tags of the header (possibly none: nothing can match then). */
  | { kind: 'versions'; versions: number[] };

/** At most this many tags are read from one header; a longer list is not a real client. */
const MAX_TAGS = 20;

/**
 * Parses `If-Match` (RFC 9110 §13.1.1). Comparison is strong, so weak tags (`W/"v3"`) never match;
 * tags that are not ours match nothing either.
 */
export function parseIfMatch(header: string | undefined): IfMatch {
  const raw = header?.trim();
  if (!raw) return { kind: 'missing' };
  if (raw === '*') return { kind: 'any' };
  const versions: number[] = [];
  for (const tag of raw.split(',').slice(0, MAX_TAGS)) {
    const match = /^"v(\d{1,15})"$/.exec(tag.trim());
    if (match) versions.push(Number(match[1]));
  }
  return { kind: 'versions', versions };
}
