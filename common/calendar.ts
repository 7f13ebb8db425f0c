// Calendar arithmetic on ISO dates ('YYYY-MM-DD'). The product is Japanese: a day is a day in
// Japan Standard Time (UTC+9, no daylight saving), so "as of 2026-06-30" means up to the end of
// that day in Tokyo.

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function toUtcMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

function fromUtcMidnight(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtcMidnight(toUtcMidnight(date) + Math.round(days) * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

/** The calendar date in Japan of an instant. */
export function jstDateOf(instant: Date): string {
  return fromUtcMidnight(Math.floor((instant.getTime() + JST_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** The calendar date in Japan of an ISO instant string (a report time, a creation time). */
export function jstDateOfInstant(instant: string): string {
  return jstDateOf(new Date(instant));
}

/** The first millisecond of `date` in Japan, as an ISO instant (UTC). */
export function startOfJstDay(date: string): string {
  return new Date(toUtcMidnight(date) - JST_OFFSET_MS).toISOString();
}

/**
 * An instant as Japan's wall-clock time, carried in a Date's UTC fields: for formats without time zones
 * (a spreadsheet cell, a `YYYY-MM-DD HH:mm` text).
 */
export function jstWallClock(instant: string): Date {
  return new Date(Date.parse(instant) + JST_OFFSET_MS);
}

/** The last millisecond of `date` in Japan, as an ISO instant (UTC). */
export function endOfJstDay(date: string): string {
  return new Date(toUtcMidnight(date) + DAY_MS - JST_OFFSET_MS - 1).toISOString();
}

export function addDaysToInstant(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * DAY_MS).toISOString();
}

export function minIso(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxIso(a: string, b: string): string {
  return a >= b ? a : b;
}
