import { addDays, daysBetween } from '../../common/calendar';
import type { Random } from '../random';

// Days as integers: a Monday epoch makes the weekday `day % 7` and keeps the hot loops free of
// string dates.

const EPOCH = '2025-01-06'; // a Monday
export const dayOf = (date: string): number => daysBetween(EPOCH, date);
export const dateOfDay = (day: number): string => addDays(EPOCH, day);
const isWeekend = (day: number): boolean => day % 7 >= 5;
export const weekdayOnOrAfter = (day: number): number => (isWeekend(day) ? day + (7 - (day % 7)) : day);
export const weekdayOnOrBefore = (day: number): number => (isWeekend(day) ? day - ((day % 7) - 4) : day);

/** An instant during office hours in Japan (09:00–18:00 JST = 00:00–09:00 UTC the same date). */
export function officeInstant(rng: Random, day: number): string {
  const ms = Date.parse(`${dateOfDay(day)}T00:00:00.000Z`) + rng.int(0, 9 * 60 - 1) * 60_000 + rng.int(0, 59) * 1000;
  return new Date(ms).toISOString();
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
