import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, endOfJstDay } from '../../common/calendar';
import { ensureTaxonomy } from '../../db/reference-data';
import { resolveFilters } from '../../server/filters';
import { filteredMeasures, withFilteredMeasures } from '../../server/repositories/measure-filter';
import { loadTaxonomy } from '../../server/repositories/taxonomy-repository';
import type { Taxonomy } from '../../server/repositories/taxonomy-repository';
import { loadTaxonomyIds, writeMeasures } from '../../seeds/measure-writer';
import { fixtureMeasures } from '../support/fixture-measures';
import { TEST_DIALECTS, createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

// docs/decisions/018-state-as-of-by-range.md: the report state as of a past instant is read from
// report_state_intervals, which a trigger derives from the append-only report log. For random report
// histories — inserted out of order, with ties at one instant, one by one and several per statement —
// and random instants, the state read through the ranges must be the one rebuilt from the log by its
// definition (decision 005: the measure's latest report on or before the instant, ties by id).

const NOW = new Date('2027-06-01T03:00:00.000Z');
const CREATED_AT = '2025-12-01T00:00:00.000Z';
const STATUSES = ['not_started', 'planning', 'in_progress', 'completed', 'suspended'] as const;
const HEALTHS = ['on_track', 'at_risk', 'off_track'] as const;

interface LogRow {
  id: number;
  reported_at: string;
  status: string;
  health: string;
  next_report_due_at: string;
}

/** The state as of `instant` by the definition, from the log's rows. */
function stateFromLog(rows: readonly LogRow[], instant: string) {
  const latest = rows
    .filter((r) => r.reported_at <= instant)
    .sort((a, b) => (a.reported_at === b.reported_at ? a.id - b.id : a.reported_at < b.reported_at ? -1 : 1))
    .at(-1);
  const status = latest?.status ?? 'not_started';
  const dueAt = latest?.next_report_due_at ?? CREATED_AT;
  const stale = latest === undefined || (status !== 'completed' && dueAt < instant);
  return {
    status,
    reported_health: latest?.health ?? null,
    health: stale ? 'stale' : (latest?.health ?? null),
    last_reported_at: latest?.reported_at ?? null,
    report_due_at: dueAt,
  };
}

describe.each(TEST_DIALECTS)('report state ranges on %s', (dialect) => {
  let handle: TestDatabase;
  let taxonomy: Taxonomy;
  let template: ReturnType<typeof fixtureMeasures>[number];
  let serial = 0;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    await ensureTaxonomy(handle.db);
    taxonomy = await loadTaxonomy(handle.db);
    const [first] = fixtureMeasures();
    if (!first) throw new Error('fixture: no measures');
    template = first;
  });
  afterAll(async () => {
    await handle?.drop();
  });

  async function newMeasure(): Promise<number> {
    serial += 1;
    const code = `METI-${String(9000 + serial)}`;
    const ids = await loadTaxonomyIds(handle.db);
    await handle.db
      .transaction()
      .execute((trx) => writeMeasures(trx, [{ ...template, code, createdAt: CREATED_AT, reports: [] }], ids));
    const row = await handle.db.selectFrom('measures').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    return row.id;
  }

  const day = fc.integer({ min: 0, max: 300 }).map((n) => addDays('2026-01-01', n));
  // A few fixed times of day, so that reports often share an instant and instants fall on reports.
  const instant = fc.tuple(day, fc.constantFrom('00:00:00.000', '03:00:00.000', '14:59:59.999')).map(([d, t]) => `${d}T${t}Z`);
  const report = fc.record({
    at: instant,
    status: fc.constantFrom(...STATUSES),
    health: fc.constantFrom(...HEALTHS),
    cycleDays: fc.constantFrom(7, 30, 90),
  });

  it('reads, at every instant, the state the log defines', async () => {
    const db = handle.db;
    await fc.assert(
      fc.asyncProperty(
        // Batches of reports, each written by one INSERT, in no particular order of time.
        fc.array(fc.array(report, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        fc.array(instant, { minLength: 1, maxLength: 4 }),
        async (batches, instants) => {
          const measureId = await newMeasure();
          for (const batch of batches) {
            await db
              .insertInto('status_reports')
              .values(
                batch.map((r) => ({
                  measure_id: measureId,
                  reported_at: r.at,
                  reporter: 'p',
                  status: r.status,
                  health: r.health,
                  note: '',
                  evidence_url: null,
                  next_report_due_at: new Date(Date.parse(r.at) + r.cycleDays * 86_400_000).toISOString(),
                  created_at: r.at,
                })),
              )
              .execute();
          }
          const log = await db
            .selectFrom('status_reports')
            .select(['id', 'reported_at', 'status', 'health', 'next_report_due_at'])
            .where('measure_id', '=', measureId)
            .execute();

          // The ranges are exactly what the migration's backfill derives from the log.
          const ranges = await db
            .selectFrom('report_state_intervals')
            .select(['report_id', 'valid_from', 'valid_to', 'status', 'health', 'next_report_due_at'])
            .where('measure_id', '=', measureId)
            .orderBy('report_id')
            .execute();
          const backfill = await sql<{
            report_id: number;
            valid_from: string;
            valid_to: string;
            status: string;
            health: string;
            next_report_due_at: string;
          }>`SELECT id AS report_id, reported_at AS valid_from,
                COALESCE(LEAD(reported_at) OVER (ORDER BY reported_at, id), '9999-12-31T23:59:59.999Z') AS valid_to,
                status, health, next_report_due_at
              FROM status_reports WHERE measure_id = ${measureId} ORDER BY id`.execute(db);
          expect(ranges).toEqual(backfill.rows);

          for (const at of [...instants, ...log.map((r) => r.reported_at)]) {
            // asOf is the JST day of the instant; the filters read the state at that day's end.
            const asOf = new Date(Date.parse(at) + 9 * 3_600_000).toISOString().slice(0, 10);
            const f = resolveFilters({ asOf }, taxonomy, NOW);
            expect(f.asOfInstant).toBe(endOfJstDay(asOf));
            const expected = stateFromLog(log, f.asOfInstant);
            const direct = await filteredMeasures(db, f).where('fm.id', '=', measureId).execute();
            expect(direct.map(({ id: _id, ...state }) => state)).toEqual([expected]);
            // And through the CTE as the statistics read it (materialized on SQLite).
            const viaCte = await withFilteredMeasures(db, f)
              .selectFrom('filtered')
              .selectAll()
              .where('filtered.id', '=', measureId)
              .execute();
            expect(viaCte.map(({ id: _id, ...state }) => state)).toEqual([expected]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
