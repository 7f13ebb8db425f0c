import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../common/calendar';
import {
  burnup,
  comparisonDates,
  compressDate,
  forecastTowardDeadline,
  milestoneCounts,
  progress,
  progressTowardDeadline,
} from '../../server/domain/derived-figures';
import type { MilestoneGroup } from '../../server/domain/derived-figures';
import { compressDateSql } from '../../server/repositories/compressed-dates';
import { createRandom } from '../../seeds/random';
import { TEST_DIALECTS, createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

// The statistics group milestones by compressed dates (docs/decisions/004). These tests prove the
// compression loses nothing any figure can see, and that the SQL computes the same compression.

function regroup(groups: readonly MilestoneGroup[], map: (g: MilestoneGroup) => MilestoneGroup): MilestoneGroup[] {
  const merged = new Map<string, MilestoneGroup>();
  for (const g of groups.map(map)) {
    const key = `${g.dueDate}|${g.completedDate}`;
    const existing = merged.get(key);
    if (existing) {
      existing.weight += g.weight;
      existing.count += g.count;
    } else merged.set(key, { ...g });
  }
  return [...merged.values()];
}

describe('compressed milestone dates', () => {
  const rng = createRandom(42);
  const cases = Array.from({ length: 60 }, () => {
    const asOf = addDays('2026-01-01', rng.int(0, 600));
    const deadline = rng.chance(0.2) ? asOf : addDays('2026-01-01', rng.int(0, 700));
    const groups: MilestoneGroup[] = Array.from({ length: rng.int(0, 40) }, () => {
      const dueDate = addDays('2025-10-01', rng.int(0, 900));
      const completedDate = rng.chance(0.5) ? addDays(dueDate, rng.int(-60, 120)) : null;
      return { dueDate, completedDate, weight: rng.pick([1, 1, 2, 3, 0.5]), count: 1 };
    });
    return { asOf, deadline, groups };
  });

  it('gives every figure exactly as the raw dates do', () => {
    for (const { asOf, deadline, groups } of cases) {
      const b = comparisonDates(deadline, asOf);
      const both = regroup(groups, (g) => ({
        ...g,
        dueDate: compressDate(g.dueDate, b),
        completedDate: g.completedDate && compressDate(g.completedDate, b),
      }));
      const exactDone = regroup(groups, (g) => ({ ...g, dueDate: compressDate(g.dueDate, b) }));
      const exactDue = regroup(groups, (g) => ({ ...g, completedDate: g.completedDate && compressDate(g.completedDate, b) }));
      expect(both.length).toBeLessThanOrEqual(8 * 9);
      expect(progress(both, asOf)).toBeCloseTo(progress(groups, asOf), 12);
      expect(progressTowardDeadline(both, deadline, asOf)).toBeCloseTo(progressTowardDeadline(groups, deadline, asOf), 12);
      expect(milestoneCounts(both, asOf)).toEqual(milestoneCounts(groups, asOf));
      expect(forecastTowardDeadline(exactDone, deadline, asOf)).toEqual(forecastTowardDeadline(groups, deadline, asOf));
      expect(burnup(exactDue, exactDone, deadline, asOf)).toEqual(burnup(groups, groups, deadline, asOf));
    }
  });

  it('maps a date to the boundary, the day after the one below, or outside all of them', () => {
    const b = ['2026-03-01', '2026-05-30', '2026-06-30'];
    expect(compressDate('2026-01-15', b)).toBe('2026-02-28');
    expect(compressDate('2026-03-01', b)).toBe('2026-03-01');
    expect(compressDate('2026-04-10', b)).toBe('2026-03-02');
    expect(compressDate('2026-05-30', b)).toBe('2026-05-30');
    expect(compressDate('2026-06-02', b)).toBe('2026-05-31');
    expect(compressDate('2026-06-30', b)).toBe('2026-06-30');
    expect(compressDate('2027-01-01', b)).toBe('2026-07-01');
  });
});

describe.each(TEST_DIALECTS)('compressDateSql on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('computes the same class representatives as compressDate', async () => {
    const boundaries = comparisonDates('2026-06-30', '2026-05-30');
    const dates = [
      '2025-12-31',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-05-29',
      '2026-05-30',
      '2026-05-31',
      '2026-06-29',
      '2026-06-30',
      '2026-07-01',
      '2028-01-01',
    ];
    for (const date of dates) {
      const row = await sql<{
        v: string | null;
      }>`SELECT ${compressDateSql(sql<string>`CAST(${date} AS text)`, boundaries)} AS v`.execute(database.db);
      expect(row.rows[0]?.v, date).toBe(compressDate(date, boundaries));
    }
    const nullRow = await sql<{
      v: string | null;
    }>`SELECT ${compressDateSql(sql<string | null>`CAST(NULL AS text)`, boundaries)} AS v`.execute(database.db);
    expect(nullRow.rows[0]?.v).toBeNull();
  });
});
