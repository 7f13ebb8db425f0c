// The audit trail stores whole snapshots (before / after); the page shows only what changed, one
// line per changed leaf: `status`, `milestoneList[#12].completedDate`, `report.note`, …

export interface DiffLine {
  path: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasIds(value: unknown[]): value is { id: string | number }[] {
  return value.length > 0 && value.every((x) => isPlainObject(x) && (typeof x.id === 'number' || typeof x.id === 'string'));
}

/** Leaves of a JSON value by path; arrays of objects with ids are keyed by id, other arrays are leaves. */
export function flatten(value: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (Array.isArray(value) && hasIds(value)) {
    for (const item of value) flatten(item, `${prefix}[#${item.id}]`, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** Bookkeeping that changes with every write (versions, timestamps, ids): listed after what a person changed. */
const BOOKKEEPING = /(^|\.)(version|measureVersion|id|updatedAt|reportedAt|lastReportedAt|reportDueAt|nextReportDueAt)$/;

/**
 * The changed leaves: what a person changed first (status, health, the note, a due date), then the
 * bookkeeping; each group in the order the paths first appear (after's order, then before-only paths).
 */
export function diffSnapshots(before: unknown, after: unknown): DiffLine[] {
  const a = before === null || before === undefined ? new Map<string, unknown>() : flatten(before);
  const b = after === null || after === undefined ? new Map<string, unknown>() : flatten(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  const changed = paths
    .filter((path) => JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path)))
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
  return [...changed.filter((line) => !BOOKKEEPING.test(line.path)), ...changed.filter((line) => BOOKKEEPING.test(line.path))];
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a leaf is an instant (shown in Japan time rather than as raw ISO text). */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value);
}

/** A leaf for display: text as is, everything else as compact JSON, long values cut. */
export function displayValue(value: unknown, max = 240): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
