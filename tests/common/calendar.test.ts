import { describe, expect, it } from 'vitest';
import {
  addDays,
  addDaysToInstant,
  daysBetween,
  endOfJstDay,
  isIsoDate,
  jstDateOf,
  jstWallClock,
  maxIso,
  minIso,
  startOfJstDay,
} from '../../common/calendar';

describe('isIsoDate', () => {
  it.each(['2026-06-30', '2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '2026-02-28'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['2026-02-30', 'no 30 February'],
    ['2025-02-29', 'not a leap year'],
    ['1900-02-29', 'century not divisible by 400'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-01-32', 'day 32'],
    ['2026-1-01', 'one-digit month'],
    ['2026-01-1', 'one-digit day'],
    ['26-01-01', 'two-digit year'],
    ['2026/01/01', 'slashes'],
    ['2026-06-30T00:00:00Z', 'an instant, not a date'],
    [' 2026-06-30', 'leading space'],
    ['2026-06-30\n', 'trailing newline'],
    ['', 'empty'],
    ['２０２６-０６-３０', 'full-width digits'],
  ])('rejects %j (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('crosses year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-06-30', 365)).toBe('2027-06-30');
  });

  it('goes back the forecast window: 2026-04-01 − 90 days is 2026-01-01', () => {
    expect(addDays('2026-04-01', -90)).toBe('2026-01-01');
  });

  it('is the identity for 0 and rounds fractional days', () => {
    expect(addDays('2026-06-30', 0)).toBe('2026-06-30');
    expect(addDays('2026-06-30', 0.4)).toBe('2026-06-30');
    expect(addDays('2026-06-30', 1.6)).toBe('2026-07-02');
  });
});

describe('daysBetween', () => {
  it('counts whole days forward', () => {
    expect(daysBetween('2026-06-20', '2026-06-30')).toBe(10);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
  });

  it('is 0 for the same day and negative when `to` is earlier', () => {
    expect(daysBetween('2026-06-30', '2026-06-30')).toBe(0);
    expect(daysBetween('2026-06-30', '2026-06-20')).toBe(-10);
    expect(daysBetween('2027-01-01', '2026-12-31')).toBe(-1);
  });

  it('inverts addDays', () => {
    for (const n of [-400, -90, -1, 0, 1, 29, 366, 1000]) {
      expect(daysBetween('2026-06-30', addDays('2026-06-30', n))).toBe(n);
    }
  });
});

describe('jstDateOf', () => {
  it('turns over at midnight JST, 15:00 UTC the day before', () => {
    expect(jstDateOf(new Date('2026-06-29T14:59:59.999Z'))).toBe('2026-06-29');
    expect(jstDateOf(new Date('2026-06-29T15:00:00.000Z'))).toBe('2026-06-30');
    expect(jstDateOf(new Date('2026-06-30T14:59:59.999Z'))).toBe('2026-06-30');
    expect(jstDateOf(new Date('2026-06-30T15:00:00.000Z'))).toBe('2026-07-01');
  });

  it('reads instants written with a +09:00 offset as their Tokyo date', () => {
    expect(jstDateOf(new Date('2026-07-01T00:00:00+09:00'))).toBe('2026-07-01');
    expect(jstDateOf(new Date('2026-06-30T23:59:59+09:00'))).toBe('2026-06-30');
  });

  it('is already next year in Tokyo on New Year’s Eve afternoon UTC', () => {
    expect(jstDateOf(new Date('2026-12-31T15:00:00.000Z'))).toBe('2027-01-01');
  });

  it('floors correctly before 1970 (negative epoch times)', () => {
    expect(jstDateOf(new Date('1969-12-31T14:59:59.999Z'))).toBe('1969-12-31');
    expect(jstDateOf(new Date('1969-12-31T15:00:00.000Z'))).toBe('1970-01-01');
  });
});

describe('endOfJstDay', () => {
  it('is the last millisecond of the day in Tokyo, in UTC', () => {
    expect(endOfJstDay('2026-06-30')).toBe('2026-06-30T14:59:59.999Z');
    expect(endOfJstDay('2026-12-31')).toBe('2026-12-31T14:59:59.999Z');
    expect(endOfJstDay('2024-02-29')).toBe('2024-02-29T14:59:59.999Z');
  });

  it('agrees with jstDateOf: still the same day, and one millisecond later the next', () => {
    const end = Date.parse(endOfJstDay('2026-06-30'));
    expect(jstDateOf(new Date(end))).toBe('2026-06-30');
    expect(jstDateOf(new Date(end + 1))).toBe('2026-07-01');
  });
});

describe('addDaysToInstant', () => {
  it('adds whole days to an instant, across month ends', () => {
    expect(addDaysToInstant('2026-06-30T14:59:59.999Z', 1)).toBe('2026-07-01T14:59:59.999Z');
    expect(addDaysToInstant('2026-06-01T00:00:00.000Z', 30)).toBe('2026-07-01T00:00:00.000Z');
  });

  it('subtracts with a negative count and keeps fractions of a day', () => {
    expect(addDaysToInstant('2026-01-01T00:00:00.000Z', -1)).toBe('2025-12-31T00:00:00.000Z');
    expect(addDaysToInstant('2026-06-30T00:00:00.000Z', 0.5)).toBe('2026-06-30T12:00:00.000Z');
  });

  it('normalises an offset instant to UTC', () => {
    expect(addDaysToInstant('2026-06-30T09:00:00+09:00', 0)).toBe('2026-06-30T00:00:00.000Z');
  });
});

describe('minIso / maxIso', () => {
  it('order dates chronologically', () => {
    expect(minIso('2026-06-30', '2026-07-01')).toBe('2026-06-30');
    expect(minIso('2027-01-01', '2026-12-31')).toBe('2026-12-31');
    expect(maxIso('2026-06-30', '2026-07-01')).toBe('2026-07-01');
    expect(maxIso('2027-01-01', '2026-12-31')).toBe('2027-01-01');
  });

  it('return the value itself when both are equal', () => {
    expect(minIso('2026-06-30', '2026-06-30')).toBe('2026-06-30');
    expect(maxIso('2026-06-30', '2026-06-30')).toBe('2026-06-30');
  });

  it('order UTC instants of the same format too', () => {
    expect(minIso('2026-06-30T14:59:59.999Z', '2026-06-30T15:00:00.000Z')).toBe('2026-06-30T14:59:59.999Z');
    expect(maxIso('2026-06-30T14:59:59.999Z', '2026-06-30T15:00:00.000Z')).toBe('2026-06-30T15:00:00.000Z');
  });
});

describe('the bounds of a Japanese day', () => {
  it('starts at 15:00 UTC the day before and ends a millisecond before the next start', () => {
    expect(startOfJstDay('2026-08-01')).toBe('2026-07-31T15:00:00.000Z');
    expect(endOfJstDay('2026-07-31')).toBe('2026-07-31T14:59:59.999Z');
    expect(startOfJstDay('2027-01-01')).toBe('2026-12-31T15:00:00.000Z');
  });

  it("reads an instant as Japan's wall clock", () => {
    expect(jstWallClock('2026-07-31T15:30:00.000Z').toISOString()).toBe('2026-08-01T00:30:00.000Z');
  });
});
