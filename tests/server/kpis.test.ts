import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiPacing } from '../../server/domain/kpi-pacing';
import { kpiQueueItem, kpiQueueResponse, kpiStatsResponse } from '../../server/schemas/follow-up';
import type { KpiCategory, KpiDto } from '../../server/schemas/follow-up';
import { errorResponse, measureDetailResponse, measureListResponse, metaResponse } from '../../server/schemas/responses';
import type { MeasureDetailResponse } from '../../server/schemas/responses';
import { auditListResponse } from '../../server/schemas/writes';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signedInUsers } from '../support/sessions';
import type { SendResult } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// Structured KPIs (docs/product.md §3 "KPI progress categories", §4 "KPIs"): who may add, edit and
// observe them (the measure's lead ministry and admins) and confirm their categories (the
// secretariat and admins); observations filed with a report; the queue of categories to confirm;
// and /stats/kpi, whose counts must equal counting the KPIs of the measures' details by hand.
// The clock is pinned at FIXTURE_NOW (2026-11-26 12:00 JST).

const USERS = {
  admin: { email: 'admin@example.go.jp', role: 'admin' },
  metiLead: { email: 'meti@example.go.jp', role: 'ministry_lead', ministry: 'meti', displayName: '経産 花子' },
  mextLead: { email: 'mext@example.go.jp', role: 'ministry_lead', ministry: 'mext' },
  secretariat: { email: 'sec@example.go.jp', role: 'secretariat' },
  executive: { email: 'exec@example.go.jp', role: 'executive' },
  analyst: { email: 'analyst@example.go.jp', role: 'analyst' },
} as const;
type Who = keyof typeof USERS | 'anonymous';

const CODE = 'METI-0001';
const KPI = {
  nameJa: '量子計算機の導入社数',
  nameEn: 'Companies using quantum computers',
  unit: '社',
  direction: 'increase',
  baselineValue: 10,
  baselineDate: '2026-01-01',
  targetValue: 110,
  targetDate: '2027-01-01',
  source: '経済産業省調査',
} as const;

function errorCode(result: SendResult): string {
  return errorResponse.parse(result.body).error.code;
}
function issuePaths(result: SendResult): string[] {
  return (errorResponse.parse(result.body).error.issues ?? []).map((i) => i.path.join('.'));
}

describe.each(TEST_DIALECTS)('structured KPIs on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, Object.values(USERS));
  });
  afterAll(async () => {
    await t?.drop();
  });

  const cookieOf = (who: Who) => (who === 'anonymous' ? undefined : cookies.get(USERS[who].email));

  async function detail(code: string, query = ''): Promise<MeasureDetailResponse> {
    return getOk(t, `/api/v1/measures/${code}${query}`, measureDetailResponse);
  }

  /** A measure write as `who`, based on the measure's current ETag. */
  async function write(who: Who, method: string, path: string, body: unknown): Promise<SendResult> {
    const code = /\/measures\/([^/]+)/.exec(path)?.[1] ?? '';
    return send(t.app, method, `/api/v1${path}`, { cookie: cookieOf(who), ifMatch: await currentEtag(t.app, code), body });
  }

  async function addKpi(who: Who, code: string, body: object = KPI): Promise<KpiDto> {
    const res = await write(who, 'POST', `/measures/${code}/kpis`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const kpis = measureDetailResponse.parse(res.body).kpis;
    const kpi = kpis.at(-1);
    if (!kpi) throw new Error('no KPI created');
    return kpi;
  }

  async function confirm(who: Who, kpiId: number, body: object): Promise<SendResult> {
    return send(t.app, 'POST', `/api/v1/kpis/${kpiId}/category`, { cookie: cookieOf(who), body });
  }

  describe('who may add, edit and observe a KPI', () => {
    const cases: [Who, number][] = [
      ['anonymous', 401],
      ['executive', 403],
      ['analyst', 403],
      ['secretariat', 403],
      ['mextLead', 403],
      ['metiLead', 0],
      ['admin', 0],
    ];
    it.each(cases)('%s', async (who, refused) => {
      const before = await detail(CODE);
      const created = await write(who, 'POST', `/measures/${CODE}/kpis`, KPI);
      expect(created.status, JSON.stringify(created.body)).toBe(refused || 201);
      const kpiId = refused ? (await addKpi('admin', CODE)).id : (measureDetailResponse.parse(created.body).kpis.at(-1)?.id ?? 0);
      const patched = await write(who, 'PATCH', `/measures/${CODE}/kpis/${kpiId}`, { unit: '者' });
      expect(patched.status, JSON.stringify(patched.body)).toBe(refused || 200);
      const observed = await write(who, 'POST', `/measures/${CODE}/kpis/${kpiId}/observations`, {
        value: 40,
        observedOn: '2026-06-01',
      });
      expect(observed.status, JSON.stringify(observed.body)).toBe(refused || 201);
      if (refused) {
        expect(errorCode(created)).toBe(refused === 401 ? 'unauthenticated' : 'forbidden');
        return;
      }
      const after = measureDetailResponse.parse(observed.body);
      // Three writes, three versions; the ETag names the last.
      expect(after.version).toBe(before.version + 3);
      expect(observed.headers.get('etag')).toBe(`"v${after.version}"`);
      const kpi = after.kpis.find((k) => k.id === kpiId);
      expect(kpi).toMatchObject({
        ...KPI,
        unit: '者',
        observations: [{ value: 40, observedOn: '2026-06-01', source: KPI.source, reportId: null }],
      });
    });
  });

  it('refuses a plan that leads away from its target, a future observation and a KPI of another measure', async () => {
    const wrongWay = await write('metiLead', 'POST', `/measures/${CODE}/kpis`, { ...KPI, direction: 'decrease' });
    expect(wrongWay.status).toBe(400);
    expect(issuePaths(wrongWay)).toEqual(['targetValue']);
    const backwards = await write('metiLead', 'POST', `/measures/${CODE}/kpis`, { ...KPI, targetDate: '2025-06-01' });
    expect(issuePaths(backwards)).toEqual(['targetDate']);
    const unknownKey = await write('metiLead', 'POST', `/measures/${CODE}/kpis`, { ...KPI, measureId: 1 });
    expect(unknownKey.status).toBe(400);

    const kpi = await addKpi('metiLead', CODE);
    const patchWrongWay = await write('metiLead', 'PATCH', `/measures/${CODE}/kpis/${kpi.id}`, { targetValue: 5 });
    expect(issuePaths(patchWrongWay)).toEqual(['targetValue']);
    const future = await write('metiLead', 'POST', `/measures/${CODE}/kpis/${kpi.id}/observations`, {
      value: 1,
      observedOn: '2026-11-27',
    });
    expect(issuePaths(future)).toEqual(['observedOn']);
    const elsewhere = await addKpi('mextLead', 'MEXT-0002');
    const foreign = await write('metiLead', 'POST', `/measures/${CODE}/kpis/${elsewhere.id}/observations`, {
      value: 1,
      observedOn: '2026-11-01',
    });
    expect(foreign.status).toBe(404);
    const foreignPatch = await write('metiLead', 'PATCH', `/measures/${CODE}/kpis/${elsewhere.id}`, { unit: 'x' });
    expect(foreignPatch.status).toBe(404);
  });

  it('files observations with a report, checked against the measure and today', async () => {
    const kpi = await addKpi('metiLead', CODE);
    const report = { status: 'in_progress', health: 'on_track' };
    const bad = await write('metiLead', 'POST', `/measures/${CODE}/reports`, {
      ...report,
      kpiObservations: [
        { kpiId: kpi.id, value: 50, observedOn: '2026-12-01' },
        { kpiId: 999999, value: 1, observedOn: '2026-11-01' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad)).toEqual(['kpiObservations.0.observedOn', 'kpiObservations.1.kpiId']);
    const twice = await write('metiLead', 'POST', `/measures/${CODE}/reports`, {
      ...report,
      kpiObservations: [
        { kpiId: kpi.id, value: 1, observedOn: '2026-11-01' },
        { kpiId: kpi.id, value: 2, observedOn: '2026-11-02' },
      ],
    });
    expect(issuePaths(twice)).toEqual(['kpiObservations.1.kpiId']);
    const tooMany = await write('metiLead', 'POST', `/measures/${CODE}/reports`, {
      ...report,
      kpiObservations: Array.from({ length: 21 }, (_, i) => ({ kpiId: i + 1, value: 1, observedOn: '2026-11-01' })),
    });
    expect(issuePaths(tooMany)).toContain('kpiObservations');
    const notNumber = await write('metiLead', 'POST', `/measures/${CODE}/reports`, {
      ...report,
      kpiObservations: [{ kpiId: kpi.id, value: '50', observedOn: '2026-11-01' }],
    });
    expect(issuePaths(notNumber)).toEqual(['kpiObservations.0.value']);

    const res = await write('metiLead', 'POST', `/measures/${CODE}/reports`, {
      ...report,
      kpiObservations: [{ kpiId: kpi.id, value: 70, observedOn: '2026-07-02', source: '速報値' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const after = measureDetailResponse.parse(res.body);
    const reportId = after.reports[0]?.id;
    const shown = after.kpis.find((k) => k.id === kpi.id);
    expect(shown?.observations).toEqual([
      expect.objectContaining({ value: 70, observedOn: '2026-07-02', source: '速報値', reportId, recordedBy: '経産 花子' }),
    ]);
    // 60 of the 100 to go by 2026-07-02, 182 of 365 days: ahead of pace.
    expect(shown).toMatchObject({ computedCategory: 'A', category: 'A', confirmation: null });
    expect(shown?.achievedShare).toBeCloseTo(0.6, 10);
    expect(shown?.elapsedShare).toBeCloseTo(182 / 365, 10);
    // As of a past day the KPI, created today, did not exist yet.
    const past = await detail(CODE, '?asOf=2026-07-01');
    expect(past.kpis.find((k) => k.id === kpi.id)).toBeUndefined();
  });

  describe('confirming a category', () => {
    it('is for the secretariat and admins only', async () => {
      const kpi = await addKpi('metiLead', CODE);
      const body = { category: 'N', reason: '', observationId: null };
      for (const [who, status] of [
        ['anonymous', 401],
        ['metiLead', 403],
        ['executive', 403],
        ['analyst', 403],
      ] as const) {
        expect((await confirm(who, kpi.id, body)).status, who).toBe(status);
      }
      expect((await confirm('secretariat', kpi.id, body)).status).toBe(200);
      expect((await confirm('admin', kpi.id, body)).status).toBe(200);
      expect((await confirm('admin', 999999, body)).status).toBe(404);
    });

    it('needs a reason to override, the latest observation, and goes back to pending on a newer one', async () => {
      const kpi = await addKpi('metiLead', CODE);
      const observed = await write('metiLead', 'POST', `/measures/${CODE}/kpis/${kpi.id}/observations`, {
        value: 20,
        observedOn: '2026-10-01',
      });
      const first = measureDetailResponse.parse(observed.body).kpis.find((k) => k.id === kpi.id);
      const firstId = first?.observations.at(-1)?.id ?? 0;
      // 10 of 100 by 10-01 (273 of 365 days): behind.
      expect(first?.computedCategory).toBe('B');

      const noReason = await confirm('secretariat', kpi.id, { category: 'A', reason: '  ', observationId: firstId });
      expect(noReason.status).toBe(400);
      expect(issuePaths(noReason)).toEqual(['reason']);
      const stale = await confirm('secretariat', kpi.id, { category: 'B', reason: '', observationId: null });
      expect(stale.status).toBe(409);
      expect(errorCode(stale)).toBe('kpi_observation_changed');

      const overridden = await confirm('secretariat', kpi.id, {
        category: 'A',
        reason: '年度末に大口導入が確定',
        observationId: firstId,
      });
      expect(overridden.status, JSON.stringify(overridden.body)).toBe(200);
      const item = kpiQueueItem.parse(overridden.body);
      expect(item.measure).toMatchObject({ code: CODE, leadMinistry: 'meti' });
      expect(item.kpi).toMatchObject({
        computedCategory: 'B',
        category: 'A',
        confirmation: {
          category: 'A',
          computedCategory: 'B',
          reason: '年度末に大口導入が確定',
          actor: USERS.secretariat.email,
          observationId: firstId,
        },
      });
      expect((await detail(CODE)).kpis.find((k) => k.id === kpi.id)?.category).toBe('A');
      const confirmed = await getOk(t, '/api/v1/kpis?confirmation=confirmed&pageSize=200', kpiQueueResponse);
      expect(confirmed.items.map((i) => i.kpi.id)).toContain(kpi.id);

      // A newer observation: the judgement no longer stands; the computed category shows again.
      await write('metiLead', 'POST', `/measures/${CODE}/kpis/${kpi.id}/observations`, { value: 25, observedOn: '2026-11-01' });
      const now = (await detail(CODE)).kpis.find((k) => k.id === kpi.id);
      expect(now).toMatchObject({ category: 'B', computedCategory: 'B', confirmation: null });
      const pending = await getOk(t, '/api/v1/kpis?pageSize=200', kpiQueueResponse);
      expect(pending.items.map((i) => i.kpi.id)).toContain(kpi.id);
      const againStale = await confirm('secretariat', kpi.id, { category: 'B', reason: '', observationId: firstId });
      expect(againStale.status).toBe(409);

      const audit = auditListResponse.parse(
        (await send(t.app, 'GET', `/api/v1/audit?entity=${CODE}/kpis/${kpi.id}&pageSize=50`, { cookie: cookieOf('admin') })).body,
      );
      expect(audit.items.map((e) => e.action).reverse()).toEqual(['kpi.create', 'kpi.observe', 'kpi.confirm', 'kpi.observe']);
      expect(audit.items.find((e) => e.action === 'kpi.confirm')?.actor).toEqual({
        email: USERS.secretariat.email,
        role: 'secretariat',
      });
    });
  });

  describe('the queue and /stats/kpi', () => {
    beforeAll(async () => {
      // KPIs on measures of several fields and ministries, in every category.
      const mext = await addKpi('mextLead', 'MEXT-0002', { ...KPI, direction: 'decrease', baselineValue: 100, targetValue: 50 });
      await write('mextLead', 'POST', `/measures/MEXT-0002/kpis/${mext.id}/observations`, {
        value: 60,
        observedOn: '2026-11-01',
      });
      const cao = await addKpi('admin', 'CAO-0003');
      await write('admin', 'POST', `/measures/CAO-0003/kpis/${cao.id}/observations`, { value: 11, observedOn: '2026-11-01' });
      await addKpi('admin', 'ENV-0011');
      const fsa = await addKpi('admin', 'FSA-0010');
      await confirm('secretariat', fsa.id, { category: 'B', reason: '報告なし', observationId: null });
      // A KPI recorded long ago, observed twice: as of 2026-10-15 only the September value was known.
      const db = t.database.db;
      const measure = await db.selectFrom('measures').select('id').where('code', '=', 'MOFA-0009').executeTakeFirstOrThrow();
      const old = await db
        .insertInto('kpis')
        .values({
          measure_id: measure.id,
          name_ja: '観測点',
          name_en: 'Stations',
          unit: '',
          direction: 'increase',
          baseline_value: 0,
          baseline_date: '2026-01-01',
          target_value: 100,
          target_date: '2027-01-01',
          source: 'survey',
          sort_order: 1,
          created_at: '2026-02-01T00:00:00.000Z',
          updated_at: '2026-02-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const observation = (value: number, observedOn: string, createdAt: string) => ({
        kpi_id: old.id,
        report_id: null,
        value,
        observed_on: observedOn,
        source: 'survey',
        recorded_by: 'seed',
        created_at: createdAt,
      });
      await db
        .insertInto('kpi_observations')
        .values([
          observation(90, '2026-09-01', '2026-09-02T00:00:00.000Z'),
          // Dated before 10-15 but recorded after it: not known then.
          observation(5, '2026-10-01', '2026-10-20T00:00:00.000Z'),
          observation(10, '2026-11-01', '2026-11-02T00:00:00.000Z'),
        ])
        .execute();
    });

    it('shows a past day what was known then', async () => {
      const [then, now] = await Promise.all([detail('MOFA-0009', '?asOf=2026-10-15'), detail('MOFA-0009')]);
      expect(then.kpis.map((k) => [k.observations.map((o) => o.value), k.computedCategory])).toEqual([[[90], 'A']]);
      expect(now.kpis.map((k) => [k.observations.map((o) => o.value), k.computedCategory])).toEqual([[[90, 5, 10], 'B']]);
    });

    async function allDetails(query: string): Promise<MeasureDetailResponse[]> {
      const list = await getOk(t, `/api/v1/measures?pageSize=500${query}`, measureListResponse);
      const asOf = new URLSearchParams(query.slice(1)).get('asOf');
      return Promise.all(list.items.map((m) => detail(m.code, asOf ? `?asOf=${asOf}` : '')));
    }

    /** Counts of shown categories by hand, over the details of the measures the list shows under the filters. */
    function countByHand(details: MeasureDetailResponse[], by: 'field' | 'ministry') {
      const rows = new Map<string, Record<KpiCategory | 'total', number>>();
      const totals = { A: 0, B: 0, N: 0, total: 0 };
      for (const m of details) {
        const keys = by === 'field' ? m.fields : [m.leadMinistry, ...m.coMinistries];
        for (const k of m.kpis) {
          totals[k.category] += 1;
          totals.total += 1;
          for (const key of keys) {
            const row = rows.get(key) ?? { A: 0, B: 0, N: 0, total: 0 };
            row[k.category] += 1;
            row.total += 1;
            rows.set(key, row);
          }
        }
      }
      return { totals, rows };
    }

    for (const query of ['', '&ministry=meti', '&field=ai-semiconductors,digital-cyber', '&q=quantum', '&asOf=2026-10-15']) {
      for (const by of ['field', 'ministry'] as const) {
        it(`counts equal the details counted by hand (by=${by}${query})`, async () => {
          const stats = await getOk(t, `/api/v1/stats/kpi?by=${by}${query}`, kpiStatsResponse);
          const details = await allDetails(query);
          const hand = countByHand(details, by);
          expect(stats.by).toBe(by);
          expect(stats.totals).toEqual(hand.totals);
          expect(stats.totals.total).toBeGreaterThan(0);
          for (const row of stats.items)
            expect(row, row.code).toMatchObject(hand.rows.get(row.code) ?? { A: 0, B: 0, N: 0, total: 0 });
          const meta = metaResponse.parse((await t.get('/api/v1/meta')).body);
          expect(stats.items.map((r) => r.code)).toEqual((by === 'field' ? meta.fields : meta.ministries).map((r) => r.code));
        });
      }
    }

    it('the queue splits the KPIs into pending and confirmed, under the field and ministry filters', async () => {
      for (const query of ['', '&ministry=mext', '&field=digital-cyber']) {
        const [pending, confirmed, stats] = await Promise.all([
          getOk(t, `/api/v1/kpis?pageSize=200${query}`, kpiQueueResponse),
          getOk(t, `/api/v1/kpis?confirmation=confirmed&pageSize=200${query}`, kpiQueueResponse),
          getOk(t, `/api/v1/stats/kpi?${query.slice(1)}`, kpiStatsResponse),
        ]);
        expect(pending.total + confirmed.total, query).toBe(stats.totals.total);
        expect(pending.items.every((i) => i.kpi.confirmation === null)).toBe(true);
        expect(confirmed.items.every((i) => i.kpi.confirmation !== null)).toBe(true);
        // The shown category is the pacing rule's on the latest observation while pending.
        for (const { kpi } of pending.items) {
          const latest = kpi.observations.at(-1) ?? null;
          expect(kpi.category).toBe(kpiPacing(kpi, latest).category);
        }
      }
      const mext = await getOk(t, '/api/v1/kpis?ministry=mext&pageSize=200', kpiQueueResponse);
      // METI-0001 and MOFA-0009 (co-owner mext) and MEXT-0002 (lead) belong to mext; CAO-0003 does not.
      expect(new Set(mext.items.map((i) => i.measure.code))).toEqual(new Set(['METI-0001', 'MEXT-0002', 'MOFA-0009']));
      const paged = await getOk(t, '/api/v1/kpis?pageSize=2&page=2', kpiQueueResponse);
      const whole = await getOk(t, '/api/v1/kpis?pageSize=200', kpiQueueResponse);
      expect(paged.items.map((i) => i.kpi.id)).toEqual(whole.items.slice(2, 4).map((i) => i.kpi.id));
      expect(whole.items.map((i) => i.measure.code)).toEqual([...whole.items.map((i) => i.measure.code)].sort());
      expect((await t.get('/api/v1/kpis?confirmation=maybe')).status).toBe(400);
      expect((await t.get('/api/v1/stats/kpi?by=pillar')).status).toBe(400);
    });
  });
});
