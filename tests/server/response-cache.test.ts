import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { DatabaseHandle } from '../../db/connection';
import { createApp } from '../../server/app';
import { readDataVersion } from '../../server/repositories/data-version-repository';
import { changesResponse } from '../../server/schemas/meeting-pack';
import { metaResponse, summaryResponse } from '../../server/schemas/responses';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { readResponse } from '../support/read-response';
import { currentEtag, send, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The dashboard reads are answered from a cache keyed by a data-version counter that triggers bump
// in every writing transaction (docs/decisions/019-data-version-cache.md). What a user must never
// notice: an answer older than a write committed before they asked, from this process or another,
// or older than the clock (a report falling due turns its measure stale without any write).

const LEAD = 'lead@example.go.jp';

/** Every cached read, with parameters that exercise filters and a past date. */
const CACHED_PATHS = [
  '/api/v1/stats/summary',
  '/api/v1/stats/summary?asOf=2026-08-31&field=quantum',
  '/api/v1/stats/by-field',
  '/api/v1/stats/by-ministry?status=in_progress',
  '/api/v1/stats/heatmap',
  '/api/v1/stats/burnup?basis=verified',
  '/api/v1/stats/kpi',
  '/api/v1/stats/slippage?by=field',
  '/api/v1/stats/matrix?rows=field&cols=instrument',
  '/api/v1/measures?sort=behind&pageSize=5',
  '/api/v1/meta',
  '/api/v1/changes?from=2026-09-01&to=2026-11-01',
];

/**
 * Tables whose rows no cached answer shows (and the counter itself, and Kysely's own), and the state
 * ranges, which a trigger derives from status_reports in the same statement (decision 018).
 */
const NOT_VERSIONED = new Set([
  'report_state_intervals',
  // The next number of each ministry's measure codes (decision 023): no answer shows it, and the
  // registration that bumps it inserts a measure, which bumps the counter.
  'measure_code_counters',
  'sessions',
  'login_attempts',
  'audit_log',
  'data_version',
  'kysely_migration',
  'kysely_migration_lock',
]);

describe.each(TEST_DIALECTS)('the data-version response cache on %s', (dialect) => {
  let t: TestApp;
  let clock = FIXTURE_NOW;
  let cookie: string | undefined;
  /** A second connection to the same database: another server process. */
  let other: DatabaseHandle;
  let otherApp: ReturnType<typeof createApp>;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: () => clock });
    cookie = (await signedInUsers(t.database.db, t.app, [{ email: LEAD, role: 'admin' }])).get(LEAD);
    other = await openDatabase(t.database.target);
    otherApp = createApp({ db: other.db, dialect: other.dialect, now: () => clock });
  });
  afterAll(async () => {
    await other?.close();
    await t?.drop();
  });

  /** The same request to an app whose cache has never seen it: what the answer must be. */
  async function fresh(path: string) {
    const app = createApp({ db: t.database.db, dialect: t.database.dialect, now: () => clock });
    return readResponse(await app.request(path));
  }

  it.each(CACHED_PATHS)('%s answers with an ETag, 304 to If-None-Match, and the body a fresh app gives', async (path) => {
    const first = await t.app.request(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"d[\w.-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const firstBody: unknown = await first.json();

    const again = await t.app.request(path);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.json()).toEqual(firstBody);
    expect(firstBody).toEqual((await fresh(path)).body);

    const revalidated = await t.app.request(path, { headers: { 'If-None-Match': `W/"other", ${etag ?? ''}` } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(await revalidated.text()).toBe('');
  });

  it('does not keep the changes up to now, which name the instant they were made', async () => {
    const today = FIXTURE_NOW.toISOString().slice(0, 10);
    for (const path of ['/api/v1/changes?from=2026-09-01', `/api/v1/changes?from=2026-09-01&to=${today}`]) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBeNull();
    }
  });

  it("answers the changes up to now at each request's instant, with the items of the last write", async () => {
    const saved = clock;
    try {
      const path = '/api/v1/changes?from=2026-09-01';
      const first = changesResponse.parse((await readResponse(await t.app.request(path))).body);
      expect(first.to.instant).toBe(clock.toISOString());
      clock = new Date(clock.getTime() + 1000);
      const later = changesResponse.parse((await readResponse(await t.app.request(path))).body);
      expect(later.to.instant).toBe(clock.toISOString());
      expect(later.items).toEqual(first.items);
      expect(later).toEqual((await fresh(path)).body);
      const filed = await send(t.app, 'POST', '/api/v1/measures/MOD-0004/reports', {
        cookie,
        ifMatch: await currentEtag(t.app, 'MOD-0004'),
        body: { status: 'suspended', health: 'off_track', note: 'changes cache test' },
      });
      expect(filed.status).toBe(201);
      const after = changesResponse.parse((await readResponse(await t.app.request(path))).body);
      expect(after.items).not.toEqual(first.items);
      expect(after).toEqual((await fresh(path)).body);
    } finally {
      clock = saved;
    }
  });

  it('names the query, not its parameters order, in the ETag', async () => {
    const a = await t.app.request('/api/v1/stats/summary?field=quantum&ministry=meti');
    const b = await t.app.request('/api/v1/stats/summary?ministry=meti&field=quantum');
    const c = await t.app.request('/api/v1/stats/summary?field=quantum');
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    expect(c.headers.get('etag')).not.toBe(a.headers.get('etag'));
  });

  it('caches no refusal: a bad query answers 400 every time, with no ETag', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await t.app.request('/api/v1/stats/summary?asOf=tomorrow');
      expect(res.status).toBe(400);
      expect(res.headers.get('etag')).toBeNull();
    }
  });

  it('shows a report filed through the API on the very next request, and the old ETag no longer matches', async () => {
    const before = await t.app.request('/api/v1/stats/summary');
    const etag = before.headers.get('etag') ?? '';
    const { byStatus } = summaryResponse.parse(await before.json());
    const filed = await send(t.app, 'POST', '/api/v1/measures/METI-0001/reports', {
      cookie,
      ifMatch: await currentEtag(t.app, 'METI-0001'),
      body: { status: 'suspended', health: 'at_risk', note: 'cache test' },
    });
    expect(filed.status).toBe(201);
    const after = await t.app.request('/api/v1/stats/summary', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const summary = summaryResponse.parse(await after.json());
    expect(summary.byStatus.suspended).toBe(byStatus.suspended + 1);
    expect(summary).toEqual((await fresh('/api/v1/stats/summary')).body);
  });

  it('shows a write made through another connection (another process) on the very next request', async () => {
    const path = '/api/v1/measures?status=completed&pageSize=100';
    const warm = readResponse(await t.app.request(path));
    // Straight SQL on the other connection: no service of this process took part.
    const row = await other.db
      .selectFrom('measures')
      .select(['id', 'code'])
      .where('status', '<>', 'completed')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await other.db.updateTable('measures').set({ status: 'completed' }).where('id', '=', row.id).execute();
    const after = await readResponse(await t.app.request(path));
    expect(after.body).not.toEqual((await warm).body);
    expect(JSON.stringify(after.body)).toContain(`"${row.code}"`);
    expect(after.body).toEqual((await fresh(path)).body);
  });

  it('a write through one app shows in the other app on its next request, each with its own cache', async () => {
    const paths = ['/api/v1/stats/by-ministry', '/api/v1/measures?q=MEXT-0002'];
    const warm = await Promise.all(paths.map(async (path) => readResponse(await otherApp.request(path))));
    const filed = await send(t.app, 'POST', '/api/v1/measures/MEXT-0002/reports', {
      cookie,
      ifMatch: await currentEtag(t.app, 'MEXT-0002'),
      body: { status: 'in_progress', health: 'at_risk', note: 'from process A' },
    });
    expect(filed.status).toBe(201);
    for (const [i, path] of paths.entries()) {
      const seen = await readResponse(await otherApp.request(path));
      expect(seen.body).toEqual((await fresh(path)).body);
      // The list row carries the new report's time: it cannot be the answer cached before.
      if (path.includes('q=')) expect(seen.body).not.toEqual(warm[i]?.body);
    }
  });

  it('reloads deadlines and meetings changed by any process on the next request, without a restart', async () => {
    const before = metaResponse.parse((await readResponse(await t.app.request('/api/v1/meta'))).body);
    await other.db
      .insertInto('deadlines')
      .values({ code: 'cache-test', name_ja: '検証用期限', name_en: 'Cache test deadline', sort_order: 99, date: '2027-03-31' })
      .execute();
    const after = metaResponse.parse((await readResponse(await t.app.request('/api/v1/meta'))).body);
    expect(after.deadlines.map((d) => d.code)).toEqual(
      [...before.deadlines.map((d) => d.code), 'cache-test'].sort(byDateOf(after)),
    );
    // The statistics take the new deadline at once too.
    const stats = await t.app.request('/api/v1/stats/summary?deadline=cache-test');
    expect(stats.status).toBe(200);
  });

  it('turns a measure stale when its report falls due, with no write in between', async () => {
    const saved = clock;
    try {
      const due = await t.database.db
        .selectFrom('measures')
        .select(['report_due_at'])
        .where('report_due_at', '>', clock.toISOString())
        .where('status', '<>', 'completed')
        .orderBy('report_due_at')
        .executeTakeFirst();
      if (!due) throw new Error('the fixture has no report falling due after its clock');
      const path = '/api/v1/stats/summary';
      const before = summaryResponse.parse((await readResponse(await t.app.request(path))).body);
      const etag = (await t.app.request(path)).headers.get('etag') ?? '';
      clock = new Date(Date.parse(due.report_due_at) + 1000);
      const res = await t.app.request(path, { headers: { 'If-None-Match': etag } });
      expect(res.status).toBe(200);
      const after = summaryResponse.parse(await res.json());
      expect(after).toEqual((await fresh(path)).body);
      expect(after.stale).toBeGreaterThan(before.stale);
    } finally {
      clock = saved;
    }
  });

  it('moves the counter with every committed transaction, and not with a rolled-back one', async () => {
    const start = await readDataVersion(t.database.db);
    await t.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('measures').set({ owner_name: 'x' }).where('code', '=', 'CAO-0003').execute();
      await trx.updateTable('measures').set({ owner_name: 'y' }).where('code', '=', 'CAO-0003').execute();
    });
    const committed = await readDataVersion(t.database.db);
    expect(committed.version).toBeGreaterThan(start.version);
    expect(committed.referenceVersion).toBe(start.referenceVersion);
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await trx.updateTable('measures').set({ owner_name: 'z' }).where('code', '=', 'CAO-0003').execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await readDataVersion(t.database.db)).toEqual(committed);
  });

  it('has the counter triggers on every table an answer shows', async () => {
    const tables =
      dialect === 'sqlite'
        ? (
            await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
              t.database.db,
            )
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string;
            }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(t.database.db)
          ).rows.map((r) => r.name);
    const triggers =
      dialect === 'sqlite'
        ? (
            await sql<{
              tbl: string;
            }>`SELECT tbl_name AS tbl FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_data_version_%'`.execute(
              t.database.db,
            )
          ).rows.map((r) => r.tbl)
        : (
            await sql<{
              tbl: string;
            }>`SELECT event_object_table AS tbl FROM information_schema.triggers WHERE trigger_name LIKE '%_data_version'`.execute(
              t.database.db,
            )
          ).rows.map((r) => r.tbl);
    const versioned = new Set(triggers);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((name) => !NOT_VERSIONED.has(name) && !versioned.has(name))).toEqual([]);
  });
});

/** Deadlines are listed by date, then code (taxonomy-repository.ts). */
function byDateOf(meta: { deadlines: { code: string; date: string }[] }) {
  const dateOf = new Map(meta.deadlines.map((d) => [d.code, d.date]));
  return (a: string, b: string) => {
    const [da, db] = [dateOf.get(a) ?? '', dateOf.get(b) ?? ''];
    return da === db ? (a < b ? -1 : a > b ? 1 : 0) : da < db ? -1 : 1;
  };
}
