import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { loadTaxonomyIds, writeMeasures } from '../../seeds/measure-writer';
import { createRandom, mixSeed } from '../../seeds/random';
import type { SeedMeasure } from '../../seeds/seed-types';
import { SYNTHETIC_REPORTS_FROM, generateSyntheticMeasures } from '../../seeds/synthetic/generate-synthetic';
import { syntheticCode, syntheticNumberOf } from '../../seeds/synthetic/synthetic-codes';
import { ensureTaxonomy } from '../../db/reference-data';
import { addDaysToInstant, jstDateOf } from '../../common/calendar';
import { isStale } from '../../server/domain/derived-figures';
import { FIELDS, INSTRUMENTS, MINISTRIES, PILLARS } from '../../common/taxonomy';
import type { StatusCode } from '../../common/taxonomy';
import { TEST_DIALECTS, createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

const REFERENCE_DATE = '2026-11-26';
/** The start of the reference day in Japan: the dashboard's "now" for these data. */
const REFERENCE_INSTANT = new Date(Date.parse(`${REFERENCE_DATE}T00:00:00+09:00`)).toISOString();

function generate(count: number, seed: number, extra: { firstNumber?: number; referenceDate?: string } = {}): SeedMeasure[] {
  return [...generateSyntheticMeasures({ count, seed, referenceDate: REFERENCE_DATE, ...extra })];
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

describe('seeded random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const rng = createRandom(seed);
      return Array.from({ length: 20 }, () => rng.int(0, 1_000_000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
  });

  it('keeps its helpers within their contracts', () => {
    const rng = createRandom(9);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
      expect(rng.next()).toBeLessThan(1);
    }
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(rng.sample(['a', 'b', 'c', 'd'], 3)).size).toBe(3);
    expect(
      rng.weighted([
        ['never', 0],
        ['always', 1],
      ]),
    ).toBe('always');
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});

describe('generateSyntheticMeasures', () => {
  it('is deterministic in its seed', () => {
    const a = generate(200, 11);
    expect(generate(200, 11)).toEqual(a);
    const b = generate(200, 12);
    expect(b).not.toEqual(a);
    expect(b.map((m) => m.titleEn)).not.toEqual(a.map((m) => m.titleEn));
  });

  it('generates each measure from its number alone, so an appended run continues the same series', () => {
    const whole = generate(60, 5);
    expect(generate(10, 5, { firstNumber: 51 })).toEqual(whole.slice(50));
  });

  it('rejects options it cannot honour', () => {
    expect(() => generate(1, 1, { referenceDate: '2025-06-01' })).toThrow(RangeError);
    expect(() => generate(1, 1, { referenceDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => generate(2, 1, { firstNumber: 999_999 })).toThrow(RangeError);
  });

  describe('invariants over 2,000 measures', () => {
    const measures = generate(2000, 1);
    const fieldCodes = new Set<string>(FIELDS.map((f) => f.code));
    const ministryCodes = new Set<string>(MINISTRIES.map((m) => m.code));
    const pillarCodes = new Set<string>(PILLARS.map((p) => p.code));
    const instrumentCodes = new Set<string>(INSTRUMENTS.map((i) => i.code));

    it('has unique synthetic codes that name the lead ministry', () => {
      expect(new Set(measures.map((m) => m.code)).size).toBe(measures.length);
      measures.forEach((m, i) => {
        expect(m.code).toBe(syntheticCode(m.lead, i + 1));
        expect(syntheticNumberOf(m.code)).toBe(i + 1);
      });
      expect(syntheticNumberOf('METI-0012')).toBeNull();
    });

    it('classifies every measure with valid, distinct codes', () => {
      const problems: string[] = [];
      const check = (ok: boolean, what: string): void => {
        if (!ok) problems.push(what);
      };
      const distinct = (items: readonly string[]): boolean => new Set(items).size === items.length;
      for (const m of measures) {
        check(m.titleJa.length > 0 && m.titleEn.length > 0, `${m.code}: empty title`);
        check(m.fields.length >= 1 && m.fields.length <= 3 && distinct(m.fields), `${m.code}: fields ${m.fields.join(',')}`);
        check(
          m.fields.every((f) => fieldCodes.has(f)),
          `${m.code}: unknown field`,
        );
        check(ministryCodes.has(m.lead), `${m.code}: unknown lead ${m.lead}`);
        check(m.coMinistries.length <= 3 && distinct(m.coMinistries), `${m.code}: co-ministries ${m.coMinistries.join(',')}`);
        check(!m.coMinistries.includes(m.lead), `${m.code}: lead ${m.lead} is also a co-ministry`);
        check(
          m.coMinistries.every((c) => ministryCodes.has(c)),
          `${m.code}: unknown co-ministry`,
        );
        check(pillarCodes.has(m.pillar), `${m.code}: unknown pillar ${m.pillar}`);
        check(
          m.instruments.length >= 1 && m.instruments.length <= 3 && distinct(m.instruments),
          `${m.code}: instruments ${m.instruments.join(',')}`,
        );
        check(
          m.instruments.every((x) => instrumentCodes.has(x)),
          `${m.code}: unknown instrument`,
        );
      }
      expect(problems).toEqual([]);
    });

    it('plans 2–8 milestones, mostly of weight 1, due between 2025-10 and 2028-03, some slipped', () => {
      const problems: string[] = [];
      let total = 0;
      let weightOne = 0;
      let slipped = 0;
      for (const m of measures) {
        if (m.milestones.length < 2 || m.milestones.length > 8) problems.push(`${m.code}: ${m.milestones.length} milestones`);
        for (const ms of m.milestones) {
          total++;
          if (ms.weight === 1) weightOne++;
          if (ms.dueDate !== ms.baselineDueDate) slipped++;
          if (![1, 2, 3].includes(ms.weight)) problems.push(`${m.code}: weight ${ms.weight}`);
          if (ms.baselineDueDate > ms.dueDate) problems.push(`${m.code}: baseline ${ms.baselineDueDate} after due ${ms.dueDate}`);
          if (ms.dueDate < '2025-10-01' || ms.dueDate > '2028-03-31') problems.push(`${m.code}: due ${ms.dueDate}`);
        }
      }
      expect(problems).toEqual([]);
      expect(share(weightOne, total)).toBeGreaterThan(0.7);
      expect(share(slipped, total)).toBeGreaterThan(0.15);
      expect(share(slipped, total)).toBeLessThan(0.25);
    });

    it('writes reports in strictly increasing order, on weekdays in Japanese office hours, before the reference date', () => {
      // Collected rather than asserted one by one: 40,000 reports, and a failure lists every offender.
      const problems: string[] = [];
      for (const m of measures) {
        const first = m.reports[0];
        if (!first) problems.push(`${m.code}: no reports`);
        else if (m.createdAt >= first.reportedAt) problems.push(`${m.code}: created after its first report`);
        let previous = '';
        for (const r of m.reports) {
          if (r.reportedAt <= previous) problems.push(`${m.code}: ${r.reportedAt} not after ${previous}`);
          previous = r.reportedAt;
          const date = jstDateOf(new Date(r.reportedAt));
          if (date < SYNTHETIC_REPORTS_FROM || date >= REFERENCE_DATE) problems.push(`${m.code}: reported on ${date}`);
          const jst = new Date(Date.parse(r.reportedAt) + 9 * 3600_000);
          if (jst.getUTCHours() < 9 || jst.getUTCHours() >= 18)
            problems.push(`${m.code}: reported outside office hours at ${r.reportedAt}`);
          if (jst.getUTCDay() === 0 || jst.getUTCDay() === 6) problems.push(`${m.code}: reported on a weekend, ${date}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('records every completed milestone in exactly one report on or after its completion date', () => {
      const problems: string[] = [];
      let completed = 0;
      for (const m of measures) {
        const recordedBy = new Map<number, string>();
        for (const r of m.reports) {
          for (const index of r.completedMilestones) {
            if (recordedBy.has(index)) problems.push(`${m.code}: milestone ${index} recorded twice`);
            recordedBy.set(index, jstDateOf(new Date(r.reportedAt)));
          }
        }
        m.milestones.forEach((ms, index) => {
          const reportDate = recordedBy.get(index);
          if (ms.completedDate === null) {
            if (reportDate !== undefined) problems.push(`${m.code}: milestone ${index} recorded but not completed`);
            return;
          }
          completed++;
          if (reportDate === undefined) problems.push(`${m.code}: milestone ${index} completed but never recorded`);
          else if (ms.completedDate > reportDate)
            problems.push(`${m.code}: milestone ${index} completed ${ms.completedDate} after its report ${reportDate}`);
          if (ms.completedDate < m.createdAt.slice(0, 10))
            problems.push(`${m.code}: milestone ${index} completed before the measure existed`);
        });
      }
      expect(problems).toEqual([]);
      expect(completed).toBeGreaterThan(0);
    });

    it('moves statuses forward plausibly, with completion only in the last report', () => {
      const rank: Record<StatusCode, number> = { not_started: 0, planning: 1, in_progress: 2, completed: 3, suspended: -1 };
      const problems: string[] = [];
      for (const m of measures) {
        let highest = 0;
        m.reports.forEach((r, i) => {
          if (r.status === 'suspended') return;
          if (rank[r.status] < highest) problems.push(`${m.code}: back to ${r.status} at report ${i}`);
          highest = Math.max(highest, rank[r.status]);
          if (r.status === 'completed' && i !== m.reports.length - 1) problems.push(`${m.code}: reported after completion`);
        });
        const last = m.reports[m.reports.length - 1];
        if (last?.status === 'completed' && m.milestones.some((ms) => ms.completedDate === null)) {
          problems.push(`${m.code}: completed with open milestones`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('averages about 20 reports per measure', () => {
      const reports = measures.reduce((sum, m) => sum + m.reports.length, 0);
      expect(reports / measures.length).toBeGreaterThan(18);
      expect(reports / measures.length).toBeLessThan(22);
    });

    it('mixes current health about 60/25/15 and leaves about 15% of unfinished measures stale', () => {
      const counts = { on_track: 0, at_risk: 0, off_track: 0 };
      let unfinished = 0;
      let stale = 0;
      const statuses = new Set<StatusCode>();
      for (const m of measures) {
        const last = m.reports[m.reports.length - 1];
        if (!last) continue;
        counts[last.health]++;
        statuses.add(last.status);
        if (last.status === 'completed') continue;
        unfinished++;
        const state = {
          status: last.status,
          health: last.health,
          reportDueAt: addDaysToInstant(last.reportedAt, m.reportingCycleDays),
        };
        if (isStale(state, REFERENCE_INSTANT)) stale++;
      }
      expect(share(counts.on_track, measures.length)).toBeCloseTo(0.6, 1);
      expect(share(counts.at_risk, measures.length)).toBeCloseTo(0.25, 1);
      expect(share(counts.off_track, measures.length)).toBeCloseTo(0.15, 1);
      expect(share(stale, unfinished)).toBeGreaterThan(0.1);
      expect(share(stale, unfinished)).toBeLessThan(0.2);
      expect([...statuses].sort()).toEqual(['completed', 'in_progress', 'not_started', 'planning', 'suspended']);
    });
  });
});

describe.each(TEST_DIALECTS)('writing synthetic measures on %s', (dialect) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.drop();
    handle = undefined;
  });

  it('stores 300 measures with all their rows', async () => {
    handle = await createTestDatabase(dialect);
    const db = handle.db;
    await ensureTaxonomy(db);
    const ids = await loadTaxonomyIds(db);
    const measures = generate(300, 4);
    await db.transaction().execute((trx) => writeMeasures(trx, measures, ids));

    const countOf = async (
      table:
        | 'measures'
        | 'measure_fields'
        | 'measure_ministries'
        | 'measure_instruments'
        | 'milestones'
        | 'status_reports'
        | 'report_milestones',
    ): Promise<number> =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const sum = (of: (m: SeedMeasure) => number): number => measures.reduce((total, m) => total + of(m), 0);

    expect(await countOf('measures')).toBe(300);
    expect(await countOf('measure_fields')).toBe(sum((m) => m.fields.length));
    expect(await countOf('measure_ministries')).toBe(sum((m) => 1 + m.coMinistries.length));
    expect(await countOf('measure_instruments')).toBe(sum((m) => m.instruments.length));
    expect(await countOf('milestones')).toBe(sum((m) => m.milestones.length));
    expect(await countOf('status_reports')).toBe(sum((m) => m.reports.length));
    expect(await countOf('report_milestones')).toBe(sum((m) => m.milestones.filter((ms) => ms.completedDate !== null).length));

    const stored = await db.selectFrom('measures').select(['code', 'status', 'health']).execute();
    const expected = new Map(measures.map((m) => [m.code, m.reports[m.reports.length - 1]]));
    for (const row of stored) {
      expect(row.status).toBe(expected.get(row.code)?.status);
      expect(row.health).toBe(expected.get(row.code)?.health);
    }
  });
});

describe('npm run db:seed --synthetic', () => {
  const run = promisify(execFile);
  const root = resolve(import.meta.dirname, '../..');
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'measure-tracker-seed-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function seed(databaseUrl: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('npx', ['tsx', 'seeds/cli-seed.ts', ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      // execFile rejects on a non-zero exit, with the exit code and the captured output on the error.
      if (error instanceof Error && 'code' in error && typeof error.code === 'number') {
        const stdout = 'stdout' in error && typeof error.stdout === 'string' ? error.stdout : '';
        const stderr = 'stderr' in error && typeof error.stderr === 'string' ? error.stderr : '';
        return { code: error.code, stdout, stderr };
      }
      throw error;
    }
  }

  it(
    'seeds, refuses to seed the same codes twice, and explains a bad DATABASE_URL in one line',
    { timeout: 90_000 },
    async () => {
      const file = join(dir, 'seed.db');
      const first = await seed(`sqlite:${file}`, ['--synthetic', '--measures', '50', '--seed', '3']);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Seeded 50 synthetic measures/);

      const handle = await openDatabase({ kind: 'sqlite', path: file });
      try {
        const codes = (await handle.db.selectFrom('measures').select('code').execute()).map((r) => r.code);
        expect(codes).toHaveLength(50);
        expect(codes.every((code) => syntheticNumberOf(code) !== null)).toBe(true);
      } finally {
        await handle.close();
      }

      const again = await seed(`sqlite:${file}`, ['--synthetic', '--measures', '50', '--seed', '3']);
      expect(again.code).toBe(1);
      expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(again.stderr).toMatch(/already exist.*--append/);

      const bad = await seed('mysql://x', ['--synthetic', '--measures', '5']);
      expect(bad.code).toBe(1);
      expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(bad.stderr).toMatch(/DATABASE_URL/);
      expect(bad.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    },
  );
});
