import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, endOfJstDay, jstDateOf, jstDateOfInstant, minIso } from '../../common/calendar';
import { createApp } from '../../server/app';
import { kpiPacing } from '../../server/domain/kpi-pacing';
import { CHANGE_KINDS, changesResponse } from '../../server/schemas/meeting-pack';
import type { ChangeItem, ChangesResponse } from '../../server/schemas/meeting-pack';
import { getError, getOk, getterFor } from '../support/api-helpers';
import type { ApiGetter } from '../support/api-helpers';
import { addReviewsAndVerifications } from '../support/basis-fixture';
import { addReschedules, changesFixtureMeasures } from '../support/changes-fixture';
import { FIXTURE_NOW } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// GET /api/v1/changes (docs/decisions/014-changes-between-instants.md): every kind on a fixture
// with reports, reschedules, completions and KPI readings spread over the year; the default ends;
// every refusal; and the endpoint against an independent computation from the raw rows (the
// report log, its reviews, milestones, revisions and KPI rows) for random date pairs.

const NOW_ISO = FIXTURE_NOW.toISOString();
const TODAY = jstDateOf(FIXTURE_NOW);

// ---------------------------------------------------------------------------------------------
// The independent computation: plain TypeScript over the rows, written from the rules in
// docs/product.md §3, not from the code under test.

interface Rows {
  measures: { id: number; code: string; created_at: string }[];
  reports: { id: number; measure_id: number; reported_at: string; status: string; health: string; next_report_due_at: string }[];
  reviews: { report_id: number; decision: string; reviewed_at: string }[];
  milestones: { id: number; measure_id: number; due_date: string; completed_date: string | null; verified_at: string | null }[];
  revisions: { id: number; milestone_id: number; previous_due_date: string; recorded_at: string }[];
  links: { measure_id: number; ministry: string }[];
  kpis: {
    id: number;
    measure_id: number;
    created_at: string;
    direction: 'increase' | 'decrease';
    baseline_value: number;
    baseline_date: string;
    target_value: number;
    target_date: string;
  }[];
  observations: { id: number; kpi_id: number; value: number; observed_on: string; created_at: string }[];
  confirmations: { id: number; kpi_id: number; observation_id: number | null; category: string; confirmed_at: string }[];
}

async function readRows(t: TestApp): Promise<Rows> {
  const db = t.database.db;
  return {
    measures: await db.selectFrom('measures').select(['id', 'code', 'created_at']).execute(),
    reports: await db
      .selectFrom('status_reports')
      .select(['id', 'measure_id', 'reported_at', 'status', 'health', 'next_report_due_at'])
      .execute(),
    reviews: await db.selectFrom('report_reviews').select(['report_id', 'decision', 'reviewed_at']).execute(),
    milestones: await db
      .selectFrom('milestones')
      .select(['id', 'measure_id', 'due_date', 'completed_date', 'verified_at'])
      .execute(),
    revisions: await db
      .selectFrom('milestone_revisions')
      .select(['id', 'milestone_id', 'previous_due_date', 'recorded_at'])
      .execute(),
    links: await db
      .selectFrom('measure_ministries as mm')
      .innerJoin('ministries as x', 'x.id', 'mm.ministry_id')
      .select(['mm.measure_id', 'x.code as ministry'])
      .execute(),
    kpis: (
      await db
        .selectFrom('kpis')
        .select(['id', 'measure_id', 'created_at', 'direction', 'baseline_value', 'baseline_date', 'target_value', 'target_date'])
        .execute()
    ).map((k) => ({ ...k, baseline_value: Number(k.baseline_value), target_value: Number(k.target_value) })),
    observations: (
      await db.selectFrom('kpi_observations').select(['id', 'kpi_id', 'value', 'observed_on', 'created_at']).execute()
    ).map((o) => ({ ...o, value: Number(o.value) })),
    confirmations: await db
      .selectFrom('kpi_category_confirmations')
      .select(['id', 'kpi_id', 'observation_id', 'category', 'confirmed_at'])
      .execute(),
  };
}

type Basis = 'reported' | 'accepted' | 'verified';
interface Case {
  from: string;
  to: string | null;
  basis: Basis;
  ministry: string | null;
  health: string | null;
}

function stateAt(rows: Rows, measureId: number, createdAt: string, instant: string, basis: Basis) {
  const accepted = new Set(
    rows.reviews.filter((r) => r.decision === 'accepted' && r.reviewed_at <= instant).map((r) => r.report_id),
  );
  let latest: Rows['reports'][number] | null = null;
  for (const r of rows.reports) {
    if (r.measure_id !== measureId || r.reported_at > instant) continue;
    if (basis !== 'reported' && !accepted.has(r.id)) continue;
    if (!latest || r.reported_at > latest.reported_at || (r.reported_at === latest.reported_at && r.id > latest.id)) latest = r;
  }
  const status = latest?.status ?? 'not_started';
  const reportedHealth = latest?.health ?? null;
  const dueAt = latest?.next_report_due_at ?? createdAt;
  const health = reportedHealth === null || (status !== 'completed' && dueAt < instant) ? 'stale' : reportedHealth;
  return { status, reportedHealth, health, dueAt, lastReportedAt: latest?.reported_at ?? null };
}

function dueAt(rows: Rows, ms: Rows['milestones'][number], instant: string): string {
  const after = rows.revisions
    .filter((r) => r.milestone_id === ms.id && r.recorded_at > instant)
    .sort((a, b) => (a.recorded_at === b.recorded_at ? a.id - b.id : a.recorded_at < b.recorded_at ? -1 : 1));
  return after[0]?.previous_due_date ?? ms.due_date;
}

function completionAt(ms: Rows['milestones'][number], instant: string, basis: Basis): string | null {
  if (basis !== 'verified') return ms.completed_date;
  return ms.verified_at !== null && ms.verified_at <= instant ? ms.completed_date : null;
}

function kpiCategoryAt(rows: Rows, k: Rows['kpis'][number], instant: string): string {
  const date = jstDateOfInstant(instant);
  let latest: Rows['observations'][number] | null = null;
  for (const o of rows.observations) {
    if (o.kpi_id !== k.id || o.created_at > instant || o.observed_on > date) continue;
    if (!latest || o.observed_on > latest.observed_on || (o.observed_on === latest.observed_on && o.id > latest.id)) latest = o;
  }
  let conf: Rows['confirmations'][number] | null = null;
  for (const c of rows.confirmations) {
    if (c.kpi_id !== k.id || c.confirmed_at > instant) continue;
    if (!conf || c.confirmed_at > conf.confirmed_at || (c.confirmed_at === conf.confirmed_at && c.id > conf.id)) conf = c;
  }
  if (conf && conf.observation_id === (latest?.id ?? null)) return conf.category;
  const plan = {
    direction: k.direction,
    baselineValue: k.baseline_value,
    baselineDate: k.baseline_date,
    targetValue: k.target_value,
    targetDate: k.target_date,
  };
  return kpiPacing(plan, latest ? { value: latest.value, observedOn: latest.observed_on } : null).category;
}

type Key = [
  kind: string,
  code: string,
  before: string | null,
  after: string | null,
  milestone: number | null,
  kpi: number | null,
  slip: number | null,
];

function expected(rows: Rows, c: Case): Key[] {
  const fromInstant = minIso(endOfJstDay(c.from), NOW_ISO);
  const toInstant = c.to === null ? NOW_ISO : minIso(endOfJstDay(c.to), NOW_ISO);
  const fromDate = c.from;
  const toDate = c.to ?? TODAY;
  const rank = { on_track: 0, at_risk: 1, off_track: 2 } as Record<string, number>;
  const keys: Key[] = [];
  for (const m of rows.measures) {
    if (m.created_at > toInstant) continue;
    const after = stateAt(rows, m.id, m.created_at, toInstant, c.basis);
    if (c.ministry && !rows.links.some((l) => l.measure_id === m.id && l.ministry === c.ministry)) continue;
    if (c.health && after.health !== c.health) continue;
    const existed = m.created_at <= fromInstant;
    const before = existed ? stateAt(rows, m.id, m.created_at, fromInstant, c.basis) : null;
    if (!before) keys.push(['measure_added', m.code, null, after.status, null, null, null]);
    else {
      if (before.status !== after.status) keys.push(['status_changed', m.code, before.status, after.status, null, null, null]);
      if (before.reportedHealth && after.reportedHealth && before.reportedHealth !== after.reportedHealth) {
        const kind =
          (rank[after.reportedHealth] ?? 0) > (rank[before.reportedHealth] ?? 0) ? 'health_worsened' : 'health_improved';
        keys.push([kind, m.code, before.reportedHealth, after.reportedHealth, null, null, null]);
      }
      if (after.health === 'stale' && before.health !== 'stale')
        keys.push(['newly_stale', m.code, before.health, 'stale', null, null, null]);
    }
    for (const ms of rows.milestones.filter((x) => x.measure_id === m.id)) {
      const doneTo = completionAt(ms, toInstant, c.basis);
      const doneFrom = completionAt(ms, fromInstant, c.basis);
      const isDoneTo = doneTo !== null && doneTo <= toDate;
      const isDoneFrom = doneFrom !== null && doneFrom <= fromDate;
      if (isDoneTo && !isDoneFrom) keys.push(['milestone_completed', m.code, null, doneTo, ms.id, null, null]);
      if (!existed) continue;
      const dueFrom = dueAt(rows, ms, fromInstant);
      const dueTo = dueAt(rows, ms, toInstant);
      if (dueTo > dueFrom) {
        const days = Math.round((Date.parse(dueTo) - Date.parse(dueFrom)) / 86_400_000);
        keys.push(['milestone_slipped', m.code, dueFrom, dueTo, ms.id, null, days]);
      }
      const overdueTo = dueTo < toDate && !isDoneTo;
      const overdueFrom = dueFrom < fromDate && !isDoneFrom;
      if (overdueTo && !overdueFrom) keys.push(['newly_overdue', m.code, dueFrom, dueTo, ms.id, null, null]);
    }
    if (!existed) continue;
    for (const k of rows.kpis.filter((x) => x.measure_id === m.id && x.created_at <= fromInstant)) {
      const a = kpiCategoryAt(rows, k, fromInstant);
      const b = kpiCategoryAt(rows, k, toInstant);
      if (a !== b) keys.push(['kpi_category_changed', m.code, a, b, null, k.id, null]);
    }
  }
  return keys.sort(compareKeys);
}

function compareKeys(a: Key, b: Key): number {
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function keysOf(body: ChangesResponse): Key[] {
  return body.items
    .map((i): Key => [i.kind, i.measure.code, i.before, i.after, i.milestone?.id ?? null, i.kpi?.id ?? null, i.slipDays])
    .sort(compareKeys);
}

function pathOf(c: Case): string {
  const q = new URLSearchParams({ from: c.from, basis: c.basis });
  if (c.to) q.set('to', c.to);
  if (c.ministry) q.set('ministry', c.ministry);
  if (c.health) q.set('health', c.health);
  return `/api/v1/changes?${q.toString()}`;
}

/** Kinds in CHANGE_KINDS order, then measure code, then date. */
function expectOrdered(items: readonly ChangeItem[]) {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1];
    const b = items[i];
    if (!a || !b) continue;
    const ka = CHANGE_KINDS.indexOf(a.kind);
    const kb = CHANGE_KINDS.indexOf(b.kind);
    expect(ka <= kb, `${a.kind} before ${b.kind}`).toBe(true);
    if (ka === kb) {
      expect(a.measure.code <= b.measure.code).toBe(true);
      if (a.measure.code === b.measure.code) expect(a.date <= b.date).toBe(true);
    }
  }
}

describe.each(TEST_DIALECTS)('GET /changes on %s', (dialect) => {
  let t: TestApp;
  let rows: Rows;
  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: changesFixtureMeasures(), now: FIXTURE_NOW });
    await addReschedules(t.database.db);
    await addReviewsAndVerifications(t.database.db, FIXTURE_NOW);
    rows = await readRows(t);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('finds every kind between 2026-07-05 and now, each item with its date, before and after', async () => {
    const body = await getOk(t, '/api/v1/changes?from=2026-07-05', changesResponse);
    expect(body.from).toEqual({ instant: endOfJstDay('2026-07-05'), date: '2026-07-05', edition: null, meeting: null });
    expect(body.to).toEqual({ instant: NOW_ISO, date: TODAY, edition: null, meeting: null });
    expect(body.basis).toBe('reported');
    for (const kind of CHANGE_KINDS) expect(body.counts[kind], kind).toBeGreaterThan(0);
    for (const kind of CHANGE_KINDS) expect(body.items.filter((i) => i.kind === kind)).toHaveLength(body.counts[kind]);
    expectOrdered(body.items);

    const find = (kind: string, code: string) => body.items.filter((i) => i.kind === kind && i.measure.code === code);
    // MEXT-0002 reported at_risk on 09-01 after on_track on 06-20 .
    expect(find('health_worsened', 'MEXT-0002')).toMatchObject([
      { date: '2026-09-01T01:00:00.000Z', before: 'on_track', after: 'at_risk', milestone: null },
    ]);
    expect(find('health_improved', 'FSA-0010')).toMatchObject([
      { date: '2026-11-20T01:00:00.000Z', before: 'at_risk', after: 'on_track' },
    ]);
    expect(find('status_changed', 'FSA-0010')).toMatchObject([{ before: 'planning', after: 'in_progress' }]);
    // DIGITAL-0012 was created on 08-15 and is completed now.
    expect(find('measure_added', 'DIGITAL-0012')).toMatchObject([{ before: null, after: 'completed' }]);
    const digital = find('measure_added', 'DIGITAL-0012')[0];
    expect(digital?.measure).toMatchObject({
      leadMinistry: 'digital',
      coMinistries: ['mic', 'mod'],
      primaryField: 'digital-cyber',
    });
    // MEXT-0002 #2: due 08-31 as known on 07-05, moved to 09-30 on 08-25 (+30 days), overdue since 10-01.
    const slipped = find('milestone_slipped', 'MEXT-0002');
    expect(slipped).toMatchObject([
      { date: '2026-08-25T02:00:00.000Z', before: '2026-08-31', after: '2026-09-30', slipDays: 30 },
    ]);
    expect(find('newly_overdue', 'MEXT-0002')).toMatchObject([{ date: '2026-10-01', after: '2026-09-30' }]);
    // ENV-0011's milestone brought forward is a revision but no slip.
    expect(find('milestone_slipped', 'ENV-0011')).toEqual([]);
    // METI-0001 #2 completed on 11-10.
    expect(find('milestone_completed', 'METI-0001')).toMatchObject([{ date: '2026-11-10', after: '2026-11-10' }]);
    // METI-0001's KPI: B on 07-05 (40 % at half the year, not yet confirmed), A by the rule on 09-30;
    // ENV-0011's: B on 07-05, A on 10-31.
    expect(find('kpi_category_changed', 'METI-0001')).toMatchObject([{ before: 'B', after: 'A', date: '2026-09-30' }]);
    expect(find('kpi_category_changed', 'ENV-0011')).toMatchObject([{ before: 'B', after: 'A', date: '2026-10-31' }]);
    // MEXT-0002 (reported 06-20, fresh on 07-05) went stale when its report of 09-01 fell due, 30 days on.
    expect(find('newly_stale', 'MEXT-0002')).toMatchObject([
      { before: 'on_track', after: 'stale', date: '2026-10-01T01:00:00.000Z' },
    ]);
  });

  it('follows a KPI through its confirmation: confirmed A over the rule’s B', async () => {
    // 07-05: B (40 % at half the year, observation recorded 07-02); 07-15: confirmed A (07-10).
    const body = await getOk(t, '/api/v1/changes?from=2026-07-05&to=2026-07-15', changesResponse);
    expect(body.items.filter((i) => i.kind === 'kpi_category_changed')).toMatchObject([
      {
        measure: { code: 'METI-0001' },
        before: 'B',
        after: 'A',
        date: '2026-07-10T00:00:00.000Z',
        kpi: { nameEn: 'Prototypes built' },
      },
    ]);
  });

  it('applies the list filters as of `to`', async () => {
    const body = await getOk(t, '/api/v1/changes?from=2026-06-01&ministry=meti', changesResponse);
    const codes = new Set(body.items.map((i) => i.measure.code));
    expect([...codes].sort()).toEqual(
      ['ENV-0011', 'FSA-0010', 'MEXT-0002', 'METI-0001', 'MOD-0004'].filter((c) => codes.has(c)).sort(),
    );
    expect(codes.has('DIGITAL-0012')).toBe(false);
  });

  it('agrees with an independent computation from the raw rows for random date pairs', async () => {
    const day = fc
      .integer({ min: 0, max: 420 })
      .map((n) => addDays('2025-10-01', n))
      .filter((d) => d <= TODAY);
    await fc.assert(
      fc.asyncProperty(
        day,
        fc.option(day, { nil: null }),
        fc.constantFrom<Basis>('reported', 'accepted', 'verified'),
        fc.constantFrom(null, 'meti', 'mext'),
        fc.constantFrom(null, null, 'stale', 'on_track'),
        async (a, b, basis, ministry, health) => {
          const [from, to] = b === null ? [a, null] : a < b ? [a, b] : [b, a];
          if (to !== null && from === to) return;
          if (to === null && from === TODAY) return;
          const c: Case = { from, to, basis, ministry, health };
          const body = await getOk(t, pathOf(c), changesResponse);
          expect(keysOf(body), pathOf(c)).toEqual(expected(rows, c));
          expectOrdered(body.items);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('answers a window of each kind: `limit` items after `offset`, the counts whole, `omitted` the rest', async () => {
    const all = await getOk(t, '/api/v1/changes?from=2026-07-05&limit=1000', changesResponse);
    expect(all.page).toEqual({ kinds: [...CHANGE_KINDS], limit: 1000, offset: 0 });
    for (const kind of CHANGE_KINDS) expect(all.omitted[kind], kind).toBe(0);
    // The default is 100 of each kind.
    expect((await getOk(t, '/api/v1/changes?from=2026-07-05', changesResponse)).page.limit).toBe(100);

    const ofKind = (body: ChangesResponse, kind: string) => body.items.filter((i) => i.kind === kind);
    const two = await getOk(t, '/api/v1/changes?from=2026-07-05&limit=2', changesResponse);
    expect(two.counts).toEqual(all.counts);
    expectOrdered(two.items);
    for (const kind of CHANGE_KINDS) {
      expect(ofKind(two, kind), kind).toEqual(ofKind(all, kind).slice(0, 2));
      expect(two.omitted[kind], kind).toBe(all.counts[kind] - ofKind(two, kind).length);
    }
    expect(CHANGE_KINDS.some((kind) => two.omitted[kind] > 0)).toBe(true);

    // Paging through one kind, a page at a time, gives that kind's items exactly once, in order.
    const kind = CHANGE_KINDS.reduce((a, b) => (all.counts[a] >= all.counts[b] ? a : b));
    expect(all.counts[kind]).toBeGreaterThan(2);
    const paged: ChangeItem[] = [];
    for (let offset = 0; offset < all.counts[kind]; offset += 2) {
      const page = await getOk(t, `/api/v1/changes?from=2026-07-05&kind=${kind}&limit=2&offset=${offset}`, changesResponse);
      expect(page.page).toEqual({ kinds: [kind], limit: 2, offset });
      expect(page.items.every((i) => i.kind === kind)).toBe(true);
      for (const other of CHANGE_KINDS) if (other !== kind) expect(page.omitted[other]).toBe(all.counts[other]);
      paged.push(...page.items);
    }
    expect(paged).toEqual(ofKind(all, kind));
    // Past the end: no items, every one omitted; limit=0: the counts alone.
    const past = await getOk(t, `/api/v1/changes?from=2026-07-05&kind=${kind}&offset=${all.counts[kind]}`, changesResponse);
    expect(past.items).toEqual([]);
    expect(past.omitted[kind]).toBe(all.counts[kind]);
    const none = await getOk(t, '/api/v1/changes?from=2026-07-05&limit=0', changesResponse);
    expect(none.items).toEqual([]);
    expect(none.omitted).toEqual(all.counts);
    // Two kinds, comma-joined or repeated.
    const twoKinds = await getOk(
      t,
      '/api/v1/changes?from=2026-07-05&kind=newly_stale,status_changed&limit=1000',
      changesResponse,
    );
    expect(twoKinds.page.kinds).toEqual(['status_changed', 'newly_stale']);
    expect(twoKinds.items).toEqual(all.items.filter((i) => i.kind === 'status_changed' || i.kind === 'newly_stale'));
    const repeated = await getOk(
      t,
      '/api/v1/changes?from=2026-07-05&kind=newly_stale&kind=status_changed&limit=1000',
      changesResponse,
    );
    expect(repeated.items).toEqual(twoKinds.items);
  });

  it('refuses what it cannot answer, naming the parameter', async () => {
    const issue = async (query: string, path: string, code = 'invalid_parameter') => {
      const e = await getError(t, `/api/v1/changes?${query}`, 400);
      expect(e.error.code, query).toBe(code);
      expect(
        e.error.issues?.map((i) => i.path.join('.')),
        query,
      ).toContain(path);
    };
    await issue('from=2026-02-30', 'from');
    await issue('from=2019-12-31', 'from');
    await issue('from=2026-06-01&to=2026-12-31', 'to');
    await issue('from=2026-12-31', 'from');
    await issue('from=2026-09-01&to=2026-06-01', 'from');
    await issue('from=2026-09-01&to=2026-09-01', 'from');
    await issue('from=no-such-edition', 'from');
    await issue('from=2026-06-01&to=no-such-edition', 'to');
    await issue('from=2026-06-01&asOf=2026-07-01', 'asOf');
    await issue('from=2026-06-01&sort=code', 'sort');
    await issue('from=2026-06-01&ministry=nope', 'ministry');
    await issue('from=2026-06-01&from=2026-07-01', 'from');
    await issue('from=Not%20a%20date', 'from');
    await issue('from=2026-06-01&limit=1001', 'limit');
    await issue('from=2026-06-01&limit=-1', 'limit');
    await issue('from=2026-06-01&limit=ten', 'limit');
    await issue('from=2026-06-01&limit=1&limit=2', 'limit');
    await issue('from=2026-06-01&offset=1.5', 'offset');
    await issue('from=2026-06-01&kind=nope', 'kind.0');
    // No meeting held yet and no `from`.
    await issue('', 'from', 'from_required');
  });

  it('defaults `from` to the last meeting held: its latest edition, else the end of its day', async () => {
    const db = t.database.db;
    await db
      .insertInto('meetings')
      .values([
        { code: 'm-summer', name_ja: '第1回', name_en: 'First', date: '2026-07-20', sort_order: 1 },
        { code: 'm-autumn', name_ja: '第2回', name_en: 'Second', date: '2026-10-15', sort_order: 2 },
        { code: 'm-winter', name_ja: '第3回', name_en: 'Third', date: '2026-12-20', sort_order: 3 },
      ])
      .execute();
    // The taxonomy (meetings included) is cached per app: a fresh app over the same database reads them.
    const fresh: ApiGetter = getterFor(createApp({ db, dialect: t.database.dialect, now: () => FIXTURE_NOW }));
    const byDate = await getOk(fresh, '/api/v1/changes', changesResponse);
    expect(byDate.from).toEqual({ instant: endOfJstDay('2026-10-15'), date: '2026-10-15', edition: null, meeting: 'm-autumn' });
    expect(byDate.to.instant).toBe(NOW_ISO);
    expect(keysOf(byDate)).toEqual(keysOf(await getOk(fresh, '/api/v1/changes?from=2026-10-15', changesResponse)));

    const autumn = await db.selectFrom('meetings').select('id').where('code', '=', 'm-autumn').executeTakeFirstOrThrow();
    const edition = (code: string, asOfInstant: string, createdAt: string) => ({
      code,
      meeting_id: autumn.id,
      as_of: jstDateOfInstant(asOfInstant),
      as_of_instant: asOfInstant,
      deadline_code: 'summer-2027',
      basis: 'reported',
      filters_json: '{}',
      created_by_user_id: null,
      created_by_email: 'secretariat@demo.example.jp',
      created_at: createdAt,
    });
    await db
      .insertInto('editions')
      .values([
        edition('autumn-draft', '2026-10-10T03:00:00.000Z', '2026-10-10T03:00:00.000Z'),
        edition('autumn-final', '2026-10-14T05:00:00.000Z', '2026-10-14T06:00:00.000Z'),
      ])
      .execute();
    const byEdition = await getOk(fresh, '/api/v1/changes', changesResponse);
    expect(byEdition.from).toEqual({
      instant: '2026-10-14T05:00:00.000Z',
      date: '2026-10-14',
      edition: 'autumn-final',
      meeting: 'm-autumn',
    });
    // An edition named as either end, and a date that is a meeting's, echo where they came from.
    const named = await getOk(fresh, '/api/v1/changes?from=autumn-draft&to=2026-10-15', changesResponse);
    expect(named.from).toEqual({
      instant: '2026-10-10T03:00:00.000Z',
      date: '2026-10-10',
      edition: 'autumn-draft',
      meeting: 'm-autumn',
    });
    expect(named.to).toEqual({ instant: endOfJstDay('2026-10-15'), date: '2026-10-15', edition: null, meeting: 'm-autumn' });
    const toEdition = await getOk(fresh, '/api/v1/changes?from=2026-09-01&to=autumn-final', changesResponse);
    expect(toEdition.to.edition).toBe('autumn-final');
  });
});

describe('the counts of GET /changes', () => {
  it('list every kind in CHANGE_KINDS order, which is the order of the items', async () => {
    const { countChanges } = await import('../../server/domain/changes');
    expect(Object.keys(countChanges([]))).toEqual([...CHANGE_KINDS]);
  });
});
