import { resolveFilters } from '../../server/filters';
import { matrixMilestoneGroups } from '../../server/repositories/matrix-repository';
import { loadTaxonomy } from '../../server/repositories/taxonomy-repository';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, endOfJstDay } from '../../common/calendar';
import { dueDateAsOf } from '../../server/domain/due-date-history';
import { dueDateAsOfSql, knownDueDateSql, knownDueDates } from '../../server/repositories/due-date-history-sql';
import { slippageResponse } from '../../server/schemas/meeting-pack';
import { burnupResponse, measureDetailResponse, measureListResponse, summaryResponse } from '../../server/schemas/responses';
import type { SeedMeasure } from '../../seeds/seed-types';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signIn, createTestUser } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Due-date history (docs/decisions/012-due-date-history.md): every reschedule appends a revision,
// and every as-of view reads the due date known on that day.

const ADMIN = 'admin@example.go.jp';

/** One measure, created early in 2026, with a milestone due 2026-03-31 and one due at year end. */
function rescheduleMeasure(): SeedMeasure {
  const [template] = fixtureMeasures();
  if (!template) throw new Error('fixture: no measures');
  return {
    ...template,
    code: 'METI-0100',
    createdAt: '2026-01-10T00:00:00.000Z',
    milestones: [
      {
        titleJa: '設計',
        titleEn: 'Design',
        baselineDueDate: '2026-03-31',
        dueDate: '2026-03-31',
        weight: 1,
        completedDate: null,
      },
      { titleJa: '実証', titleEn: 'Trial', baselineDueDate: '2026-12-31', dueDate: '2026-12-31', weight: 1, completedDate: null },
    ],
    reports: [],
  };
}

describe.each(TEST_DIALECTS)('due-date history on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2026-05-01T03:00:00.000Z');
  let cookie = '';

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: [rescheduleMeasure()], now: () => clock });
    await createTestUser(t.database.db, { email: ADMIN, role: 'admin' });
    cookie = await signIn(t.app, ADMIN);
  });
  afterAll(async () => {
    clock = FIXTURE_NOW;
    await t?.drop();
  });

  async function patch(milestoneId: number, body: unknown) {
    return send(t.app, 'PATCH', `/api/v1/measures/METI-0100/milestones/${milestoneId}`, {
      cookie,
      ifMatch: await currentEtag(t.app, 'METI-0100'),
      body,
    });
  }
  async function revisionRows() {
    return t.database.db.selectFrom('milestone_revisions').selectAll().orderBy('id').execute();
  }

  it('appends exactly one revision per actual change of the due date, none otherwise', async () => {
    const before = await getOk(t, '/api/v1/measures/METI-0100', measureDetailResponse);
    const [design, trial] = before.milestoneList;
    if (!design || !trial) throw new Error('two milestones');
    expect(design.revisions).toEqual([]);

    // On 2026-05-01 (JST) the design milestone, due 2026-03-31, is moved to 2026-09-30.
    const moved = await patch(design.id, { dueDate: '2026-09-30', reason: '  調整のため  ' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(measureDetailResponse.parse(moved.body).milestoneList[0]?.revisions).toEqual([
      {
        previousDueDate: '2026-03-31',
        dueDate: '2026-09-30',
        recordedAt: '2026-05-01T03:00:00.000Z',
        actor: ADMIN,
        reason: '調整のため',
        slipDays: 183,
      },
    ]);
    expect(await revisionRows()).toHaveLength(1);

    // The same date again, another field only, a reason alone, a too long reason: no revision.
    expect((await patch(design.id, { dueDate: '2026-09-30', reason: 'again' })).status).toBe(200);
    expect((await patch(design.id, { titleEn: 'Design (renamed)' })).status).toBe(200);
    expect((await patch(design.id, { reason: 'only a reason' })).status).toBe(400);
    expect((await patch(design.id, { dueDate: '2026-10-31', reason: 'x'.repeat(501) })).status).toBe(400);
    expect(await revisionRows()).toHaveLength(1);

    // Moving a date earlier is a revision too; it is recorded with '' when no reason is given.
    clock = new Date('2026-06-01T03:00:00.000Z');
    cookie = await signIn(t.app, ADMIN);
    expect((await patch(trial.id, { dueDate: '2027-03-31' })).status).toBe(200);
    expect((await patch(trial.id, { dueDate: '2026-12-15' })).status).toBe(200);
    const rows = await revisionRows();
    expect(rows.map((r) => [r.milestone_id, r.previous_due_date, r.due_date, r.reason])).toEqual([
      [design.id, '2026-03-31', '2026-09-30', '調整のため'],
      [trial.id, '2026-12-31', '2027-03-31', ''],
      [trial.id, '2027-03-31', '2026-12-15', ''],
    ]);
    clock = FIXTURE_NOW;
  });

  it('refuses to update or delete the revision log', async () => {
    const db = t.database.db;
    await expect(db.updateTable('milestone_revisions').set({ reason: 'rewritten' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('milestone_revisions').execute()).rejects.toThrow(/append-only/);
    expect(await revisionRows()).toHaveLength(3);
  });

  it('reads the due date known on the as-of day in the summary, the burn-up, the list and the detail', async () => {
    clock = FIXTURE_NOW;
    const overdue = async (asOf: string | null) =>
      (await getOk(t, `/api/v1/stats/summary${asOf ? `?asOf=${asOf}` : ''}`, summaryResponse)).milestones.overdue;
    // As of 2026-04-15 the design milestone was due 2026-03-31 and overdue; on 2026-05-02 it was due
    // 2026-09-30; today (2026-11-26) that is past too.
    expect(await overdue('2026-04-15')).toBe(1);
    expect(await overdue('2026-05-02')).toBe(0);
    expect(await overdue(null)).toBe(1);

    // The burn-up toward summer-2027 (both milestones in scope): planned at the as-of day.
    const plannedAt = async (asOf: string) => {
      const b = await getOk(t, `/api/v1/stats/burnup?deadline=summer-2027&asOf=${asOf}`, burnupResponse);
      return b.points.find((p) => p.date === asOf)?.planned;
    };
    expect(await plannedAt('2026-04-15')).toBe(0.5);
    expect(await plannedAt('2026-05-02')).toBe(0);
    expect(await plannedAt('2026-11-26')).toBe(0.5);

    const detail = async (asOf: string) => getOk(t, `/api/v1/measures/METI-0100?asOf=${asOf}`, measureDetailResponse);
    const april = await detail('2026-04-15');
    expect(april.milestoneList[0]).toMatchObject({ dueDate: '2026-03-31', overdue: true, slipDays: 0, revisions: [] });
    expect(april.milestoneList[1]).toMatchObject({ dueDate: '2026-12-31', revisions: [] });
    const may = await detail('2026-05-02');
    expect(may.milestoneList[0]).toMatchObject({ dueDate: '2026-09-30', overdue: false, slipDays: 183 });
    expect(may.milestoneList[0]?.revisions).toHaveLength(1);
    expect(may.milestoneList[1]?.revisions).toEqual([]);
    const june = await detail('2026-06-01');
    expect(june.milestoneList[1]).toMatchObject({ dueDate: '2026-12-15', slipDays: -16 });
    expect(june.milestoneList[1]?.revisions.map((r) => r.slipDays)).toEqual([90, -106]);

    const list = await getOk(t, '/api/v1/measures?asOf=2026-04-15', measureListResponse);
    expect(list.items[0]?.milestones).toEqual({ total: 2, done: 0, overdue: 1 });
    const listMay = await getOk(t, '/api/v1/measures?asOf=2026-05-02', measureListResponse);
    expect(listMay.items[0]?.milestones).toEqual({ total: 2, done: 0, overdue: 0 });
  });

  it('leaves out, as of a past day, a milestone added after it', async () => {
    clock = new Date('2026-07-01T03:00:00.000Z');
    const created = await send(t.app, 'POST', '/api/v1/measures/METI-0100/milestones', {
      cookie: await signIn(t.app, ADMIN),
      ifMatch: await currentEtag(t.app, 'METI-0100'),
      body: { titleJa: '追加', titleEn: 'Added', dueDate: '2026-08-31' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    clock = FIXTURE_NOW;
    const total = async (asOf: string) =>
      (await getOk(t, `/api/v1/stats/summary?asOf=${asOf}`, summaryResponse)).milestones.total;
    expect(await total('2026-06-30')).toBe(2);
    expect(await total('2026-07-01')).toBe(3);
    expect((await getOk(t, '/api/v1/measures/METI-0100?asOf=2026-06-30', measureDetailResponse)).milestoneList).toHaveLength(2);
    const slippage = await getOk(t, '/api/v1/stats/slippage?asOf=2026-06-30', slippageResponse);
    expect(slippage.totals.milestones).toBe(2);
    // The heat map and the coverage matrices group the same milestones: two in every cell then, three now.
    const taxonomy = await loadTaxonomy(t.database.db);
    const perCell = async (asOf: string) => {
      const filters = resolveFilters({ asOf }, taxonomy, FIXTURE_NOW);
      const groups = await matrixMilestoneGroups(
        t.database.db,
        filters,
        { rows: 'field', cols: 'instrument' },
        { deadline: '2027-06-30' },
      );
      const counts = new Map<string, number>();
      for (const g of groups) counts.set(`${g.rowId}:${g.colId}`, (counts.get(`${g.rowId}:${g.colId}`) ?? 0) + g.count);
      return new Set(counts.values());
    };
    expect(await perCell('2026-06-30')).toEqual(new Set([2]));
    expect(await perCell('2026-07-01')).toEqual(new Set([3]));
  });

  it('reads in SQL the same due date as the domain, for random revision logs and instants', async () => {
    const db = t.database.db;
    const measure = await db.selectFrom('measures').select('id').executeTakeFirstOrThrow();
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-01-01', n));
    const instant = fc
      .tuple(day, fc.constantFrom('00:00:00.000', '03:00:00.000', '14:59:59.999', '15:00:00.000'))
      .map(([d, time]) => `${d}T${time}Z`);
    await fc.assert(
      fc.asyncProperty(
        day,
        fc.array(fc.tuple(day, instant), { maxLength: 5 }),
        fc.array(instant, { minLength: 1, maxLength: 4 }),
        async (baseline, moves, instants) => {
          // A chain of moves from the baseline (a move to the same date is no revision).
          const revisions: { previousDueDate: string; dueDate: string; recordedAt: string }[] = [];
          let due = baseline;
          for (const [to, at] of moves) {
            if (to === due) continue;
            revisions.push({ previousDueDate: due, dueDate: to, recordedAt: at });
            due = to;
          }
          const inserted = await db
            .insertInto('milestones')
            .values({
              measure_id: measure.id,
              title_ja: 'p',
              title_en: 'p',
              baseline_due_date: baseline,
              due_date: due,
              weight: 1,
              completed_date: null,
              sort_order: 99,
              created_at: '2026-01-01T00:00:00.000Z',
              updated_at: '2026-01-01T00:00:00.000Z',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          for (const r of revisions) {
            await db
              .insertInto('milestone_revisions')
              .values({
                milestone_id: inserted.id,
                previous_due_date: r.previousDueDate,
                due_date: r.dueDate,
                recorded_at: r.recordedAt,
                actor_email: '',
                reason: '',
              })
              .execute();
          }
          for (const at of instants) {
            const row = await db
              .selectFrom('milestones as ms')
              .select(dueDateAsOfSql(at).as('due'))
              .where('ms.id', '=', inserted.id)
              .executeTakeFirstOrThrow();
            expect(row.due).toBe(dueDateAsOf(due, revisions, at));
            // The joined form the statistics use reads the same date.
            const joined = await db
              .selectFrom('milestones as ms')
              .leftJoin(knownDueDates(at), (join) => join.onRef('dk.milestone_id', '=', 'ms.id'))
              .select(knownDueDateSql().as('due'))
              .where('ms.id', '=', inserted.id)
              .execute();
            expect(joined.map((r) => r.due)).toEqual([dueDateAsOf(due, revisions, at)]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Slippage against an independent computation from the fixture

interface ExpectedCounts {
  milestones: number;
  rescheduled: number;
  slipped: number;
  slipDaysTotal: number;
  slipDaysMedian: number | null;
}

/**
 * The fixture with reschedules: some milestones slipped in two steps (March and August), some
 * brought forward in June, all recorded with explicit revisions.
 */
function slippageFixture(): SeedMeasure[] {
  return fixtureMeasures().map((m, i) => ({
    ...m,
    milestones: m.milestones.map((ms, j) => {
      if ((i + j) % 3 === 0) {
        const baseline = addDays(ms.dueDate, -30 * (j + 1));
        const middle = addDays(baseline, 10 + i);
        return {
          ...ms,
          baselineDueDate: baseline,
          revisions: [
            { previousDueDate: baseline, dueDate: middle, recordedAt: '2026-03-01T01:00:00.000Z', actorEmail: 'a', reason: '' },
            { previousDueDate: middle, dueDate: ms.dueDate, recordedAt: '2026-08-01T01:00:00.000Z', actorEmail: 'a', reason: '' },
          ],
        };
      }
      if ((i + j) % 5 === 1) {
        const baseline = addDays(ms.dueDate, 20);
        return {
          ...ms,
          baselineDueDate: baseline,
          revisions: [
            {
              previousDueDate: baseline,
              dueDate: ms.dueDate,
              recordedAt: '2026-06-01T01:00:00.000Z',
              actorEmail: 'a',
              reason: '',
            },
          ],
        };
      }
      return ms;
    }),
  }));
}

function expectedSlippage(measures: readonly SeedMeasure[], instant: string): ExpectedCounts {
  const slips: number[] = [];
  let milestones = 0;
  let rescheduled = 0;
  for (const m of measures) {
    if (m.createdAt > instant) continue;
    for (const ms of m.milestones) {
      milestones++;
      // The due date then: the new date of the last revision recorded by the instant, else the baseline.
      const known = (ms.revisions ?? []).filter((r) => r.recordedAt <= instant);
      if (known.length > 0) rescheduled++;
      const due = known.at(-1)?.dueDate ?? ms.baselineDueDate;
      const days = daysBetween(ms.baselineDueDate, due);
      if (days > 0) slips.push(days);
    }
  }
  slips.sort((a, b) => a - b);
  const mid = Math.floor(slips.length / 2);
  const median =
    slips.length === 0 ? null : slips.length % 2 ? (slips[mid] ?? 0) : ((slips[mid - 1] ?? 0) + (slips[mid] ?? 0)) / 2;
  return {
    milestones,
    rescheduled,
    slipped: slips.length,
    slipDaysTotal: slips.reduce((a, b) => a + b, 0),
    slipDaysMedian: median,
  };
}

describe.each(TEST_DIALECTS)('GET /stats/slippage on %s', (dialect) => {
  let t: TestApp;
  const measures = slippageFixture();
  beforeAll(async () => {
    t = await createTestApp(dialect, { measures, now: FIXTURE_NOW });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('equals an independent computation from the fixture, per field and ministry, with filters and asOf', async () => {
    const cases: [asOf: string | null, instant: string][] = [
      [null, FIXTURE_NOW.toISOString()],
      ['2026-07-15', endOfJstDay('2026-07-15')],
      ['2026-04-01', endOfJstDay('2026-04-01')],
      ['2026-02-01', endOfJstDay('2026-02-01')],
    ];
    for (const [asOf, instant] of cases) {
      const at = asOf ? `asOf=${asOf}` : '';
      const byField = await getOk(t, `/api/v1/stats/slippage?${at}`, slippageResponse);
      expect(byField.by).toBe('field');
      expect(byField.totals, `totals ${asOf}`).toMatchObject(expectedSlippage(measures, instant));
      for (const row of byField.items) {
        const inField = measures.filter((m) => (m.fields as readonly string[]).includes(row.code));
        expect(row, `${row.code} ${asOf}`).toMatchObject(expectedSlippage(inField, instant));
        const share = row.milestones === 0 ? 0 : row.slipped / row.milestones;
        expect(row.shareSlipped).toBeCloseTo(share, 12);
      }
      const byMinistry = await getOk(t, `/api/v1/stats/slippage?by=ministry&${at}`, slippageResponse);
      for (const row of byMinistry.items) {
        const owned = measures.filter((m) => m.lead === row.code || (m.coMinistries as readonly string[]).includes(row.code));
        expect(row, `${row.code} ${asOf}`).toMatchObject(expectedSlippage(owned, instant));
      }
      // A filter narrows the milestones counted.
      const meti = await getOk(t, `/api/v1/stats/slippage?ministry=meti&${at}`, slippageResponse);
      const metiMeasures = measures.filter((m) => m.lead === 'meti' || (m.coMinistries as readonly string[]).includes('meti'));
      expect(meti.totals).toMatchObject(expectedSlippage(metiMeasures, instant));
    }
  });

  it('lists every field, zeros included, and refuses an unknown dimension', async () => {
    const body = await getOk(t, '/api/v1/stats/slippage?asOf=2025-11-15', slippageResponse);
    expect(body.items.length).toBeGreaterThan(10);
    expect(body.items.some((r) => r.milestones === 0 && r.shareSlipped === 0 && r.slipDaysMedian === null)).toBe(true);
    expect((await t.get('/api/v1/stats/slippage?by=pillar')).status).toBe(400);
  });
});
