import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { DatabaseHandle } from '../../db/connection';
import type { DialectName } from '../../db/dialect';
import { migrateToLatest } from '../../db/migrate';
import { ensureTaxonomy } from '../../db/reference-data';
import type { Database } from '../../db/schema';
import { createScratchPostgres } from '../../db/scratch-database';
import { createRandom, mixSeed } from '../../seeds/random';
import { loadTaxonomyIds, writeMeasures } from '../../seeds/measure-writer';
import type { SeedKpi } from '../../seeds/seed-types';
import { testDatabaseUrl } from '../../server/config';
import { measureDetailResponse } from '../../server/schemas/responses';
import { fixtureMeasures } from '../support/fixture-measures';
import { HttpClient, runReportWriter, signInOver, startServerProcess } from '../support/report-writers';
import type { ServerProcess, WriteOutcome } from '../support/report-writers';
import { TEST_PASSWORD, createTestUser } from '../support/sessions';

// Crash test (issue 12 item 1, docs/product.md §7 "No acknowledged write lost in a crash"): ministry
// leads file status reports as fast as they can against a real server process over real HTTP; the
// server is killed with SIGKILL at a random moment after the writes begin, and a new server is
// started on the same database. Then every report that was acknowledged (201, with its id) is in the
// log, and nothing half-written is visible: a report write is one transaction (decision 006) that
// claims the measure's version, appends the report (and its milestone completions and KPI values),
// sets the measure's cached state from it (decision 003) and appends its audit row, while the
// database's triggers add its state range (decision 018) and bump the data version (decision 019).
// So for every report in the log: its audit row, its range, its completions and KPI values exactly as
// sent; for every measure: the cache equals its latest report and the version counts its reports;
// and on SQLite `PRAGMA integrity_check` is ok. Two kill rounds per dialect, each with its seed
// (printed; CRASH_SEED=<n> repeats a run).

const ROUNDS = 2;
const START_TIMEOUT_MS = 120_000;
const RUN_SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
// The leads, each with their own ministry's measures of the fixture (one of them has two).
const LEADS = ['meti', 'mext', 'cao', 'mlit', 'fsa', 'env'].map((ministry) => ({
  email: `lead.${ministry}@example.go.jp`,
  ministry,
}));

const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-crash-'));
const running: ServerProcess[] = [];

afterAll(() => {
  for (const server of running.splice(0)) server.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A KPI on a measure, so that reports carry KPI values too (the fixture has none). */
function kpi(name: string): SeedKpi {
  return {
    nameJa: `${name}（件数）`,
    nameEn: `${name} (count)`,
    unit: '件',
    direction: 'increase',
    baselineValue: 0,
    baselineDate: '2026-01-01',
    targetValue: 1000,
    targetDate: '2027-06-30',
    source: 'crash test',
    createdAt: '2026-01-01T00:00:00.000Z',
    observations: [],
    confirmations: [],
  };
}

interface Shared {
  url: string;
  /**
   * A connection of the test's own, for one phase. On SQLite it is closed before the servers run
   * (release), so that the server started after the kill is the first to open the file the dead one
   * left: the recovery from the WAL is the restart's, as in a real crash.
   */
  connect(): Promise<DatabaseHandle & { release(): Promise<void> }>;
  drop(): Promise<void>;
}

async function sharedDatabase(dialect: DialectName): Promise<Shared> {
  let shared: Shared;
  if (dialect === 'postgres') {
    const serverUrl = testDatabaseUrl() ?? '';
    const scratch = await createScratchPostgres(serverUrl, 'mt_test');
    const name = await scratch.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow();
    const url = new URL(serverUrl);
    url.pathname = `/${name.name}`;
    shared = {
      url: url.toString(),
      connect: () => Promise.resolve({ ...scratch, release: () => Promise.resolve() }),
      drop: () => scratch.drop(),
    };
  } else {
    const path = join(mkdtempSync(join(dir, 'sqlite-')), 'crash.db');
    shared = {
      url: `sqlite:${path}`,
      connect: async () => {
        const handle = await openDatabase({ kind: 'sqlite', path });
        return { ...handle, release: () => handle.close() };
      },
      drop: () => Promise.resolve(),
    };
  }
  const handle = await shared.connect();
  const { db } = handle;
  await migrateToLatest(db);
  await ensureTaxonomy(db);
  const ids = await loadTaxonomyIds(db);
  const measures = fixtureMeasures().map((m, i) => (i % 2 === 0 ? { ...m, kpis: [kpi(m.code), kpi(`${m.code} 2`)] } : m));
  await db.transaction().execute((trx) => writeMeasures(trx, measures, ids));
  for (const lead of LEADS) {
    await createTestUser(db, { email: lead.email, role: 'ministry_lead', ministry: lead.ministry });
  }
  await handle.release();
  return shared;
}

/** What the database held before the first write: every later row is one the writers sent. */
interface Baseline {
  maxReportId: number;
  maxAuditId: number;
  maxObservationId: number;
  dataVersion: number;
  versions: Map<string, number>;
  openMilestones: Set<number>;
  codesByMinistry: Map<string, string[]>;
}

async function dataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').executeTakeFirstOrThrow();
  return Number(row.version);
}

async function maxId(db: Kysely<Database>, table: 'status_reports' | 'audit_log' | 'kpi_observations'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('id').as('id'))
    .executeTakeFirstOrThrow();
  return Number(row.id ?? 0);
}

async function baselineOf(db: Kysely<Database>): Promise<Baseline> {
  const measures = await db
    .selectFrom('measures as m')
    .innerJoin('ministries as mi', 'mi.id', 'm.lead_ministry_id')
    .select(['m.code', 'm.version', 'mi.code as ministry'])
    .execute();
  const open = await db.selectFrom('milestones').select('id').where('completed_date', 'is', null).execute();
  const codesByMinistry = new Map<string, string[]>();
  for (const m of measures) codesByMinistry.set(m.ministry, [...(codesByMinistry.get(m.ministry) ?? []), m.code]);
  return {
    maxReportId: await maxId(db, 'status_reports'),
    maxAuditId: await maxId(db, 'audit_log'),
    maxObservationId: await maxId(db, 'kpi_observations'),
    dataVersion: await dataVersion(db),
    versions: new Map(measures.map((m) => [m.code, m.version])),
    openMilestones: new Set(open.map((m) => m.id)),
    codesByMinistry,
  };
}

/** One round: leads write, the server is killed at a random moment; resolves with what they were answered. */
async function writeAndKill(shared: Shared, baseline: Baseline, round: number, seed: number): Promise<WriteOutcome[]> {
  const random = createRandom(seed);
  const server = await startServerProcess(shared.url, { DATABASE_POOL_MAX: '4' });
  running.push(server);
  const client = new HttpClient(server.url);
  try {
    const cookies = await Promise.all(LEADS.map((lead) => signInOver(client, lead.email, TEST_PASSWORD)));
    const outcomes: WriteOutcome[] = [];
    let killed = false;
    const writers = LEADS.map((lead, i) =>
      runReportWriter({
        client,
        writer: lead.email,
        cookie: cookies[i] ?? '',
        codes: baseline.codesByMinistry.get(lead.ministry) ?? [],
        random: createRandom(mixSeed(seed, i)),
        stop: () => killed,
        record: (o) => outcomes.push(o),
      }),
    );
    // The writes have begun once the first is acknowledged (a slow start must not leave nothing to lose).
    const startedBy = Date.now() + START_TIMEOUT_MS;
    while (!outcomes.some((o) => o.kind === 'accepted') && Date.now() < startedBy) await new Promise((r) => setTimeout(r, 10));
    const delayMs = random.int(300, 3000);
    console.log(
      `crash-recovery: CRASH_SEED=${RUN_SEED} round ${round} (seed ${seed}): SIGKILL ${delayMs} ms after the first acknowledged write`,
    );
    await new Promise((r) => setTimeout(r, delayMs));
    server.child.kill('SIGKILL');
    killed = true;
    expect((await server.exited).signal).toBe('SIGKILL');
    await Promise.all(writers);
    return outcomes;
  } finally {
    client.close();
  }
}

/** Every property a crash must not break, read straight from the tables. */
async function checkNothingLostOrHalfWritten(handle: DatabaseHandle, baseline: Baseline, outcomes: readonly WriteOutcome[]) {
  const { db, dialect } = handle;
  const accepted = outcomes.flatMap((o) => (o.kind === 'accepted' ? [o] : []));
  const sentByNote = new Map(
    outcomes.flatMap((o) => (o.kind === 'accepted' || o.kind === 'unanswered' ? [[o.sent.note ?? '', o] as const] : [])),
  );
  expect(outcomes.filter((o) => o.kind === 'failed')).toEqual([]);

  const reports = await db
    .selectFrom('status_reports as r')
    .innerJoin('measures as m', 'm.id', 'r.measure_id')
    .select(['r.id', 'm.code', 'r.status', 'r.health', 'r.note', 'r.reported_at', 'r.next_report_due_at'])
    .where('r.id', '>', baseline.maxReportId)
    .orderBy('r.id')
    .execute();
  const reportById = new Map(reports.map((r) => [r.id, r]));

  // Every acknowledged report is there, as it was sent.
  for (const o of accepted) {
    expect(reportById.get(o.reportId), `acknowledged report ${o.reportId} on ${o.code}`).toMatchObject({
      code: o.code,
      status: o.sent.status,
      health: o.sent.health,
      note: o.sent.note,
    });
  }
  // Every report in the log is one a writer sent (acknowledged, or cut off by the kill after its commit).
  for (const r of reports) {
    const sent = sentByNote.get(r.note);
    expect(sent, `report ${r.id} (${r.note}) was sent`).toBeDefined();
    expect(sent?.code).toBe(r.code);
  }
  expect(new Set(reports.map((r) => r.note)).size).toBe(reports.length);
  const unanswered = outcomes.filter((o) => o.kind === 'unanswered').length;
  expect(reports.length).toBeGreaterThanOrEqual(accepted.length);
  expect(reports.length).toBeLessThanOrEqual(accepted.length + unanswered);

  // Each report has exactly one audit row, naming it and the version it made, and no audit row is without its report.
  const audits = await db
    .selectFrom('audit_log')
    .select(['entity_code', 'after_json'])
    .where('id', '>', baseline.maxAuditId)
    .where('action', '=', 'measure.report')
    .execute();
  const auditByReport = new Map<number, { code: string; version: number }>();
  for (const a of audits) {
    const after: unknown = JSON.parse(a.after_json ?? 'null');
    const parsed = measureDetailResponse.pick({ version: true }).extend({ report: measureDetailResponse.shape.reports.element });
    const { report, version } = parsed.parse(after);
    expect(auditByReport.has(report.id), `one audit row for report ${report.id}`).toBe(false);
    auditByReport.set(report.id, { code: a.entity_code, version });
  }
  expect([...auditByReport.keys()].sort((x, y) => x - y)).toEqual(reports.map((r) => r.id));
  for (const o of accepted) expect(auditByReport.get(o.reportId)).toEqual({ code: o.code, version: o.version });

  // Milestone completions: exactly the ones sent, each in both tables, none without its report.
  const completions = await db
    .selectFrom('report_milestones as rm')
    .innerJoin('milestones as ms', 'ms.id', 'rm.milestone_id')
    .innerJoin('measures as m', 'm.id', 'ms.measure_id')
    .select(['rm.report_id', 'rm.milestone_id', 'rm.completed_date', 'ms.completed_date as milestone_completed', 'm.code'])
    .where('rm.report_id', '>', baseline.maxReportId)
    .execute();
  for (const c of completions) {
    const report = reportById.get(c.report_id);
    expect(report?.code).toBe(c.code);
    expect(c.milestone_completed).toBe(c.completed_date);
  }
  const expectedCompletions = reports.flatMap((r) => {
    const sent = sentByNote.get(r.note);
    return sent ? (sent.sent.milestonesCompleted ?? []).map((m) => `${r.id}/${m.milestoneId}`) : [];
  });
  expect(completions.map((c) => `${c.report_id}/${c.milestone_id}`).sort()).toEqual(expectedCompletions.sort());
  const nowCompleted = await db.selectFrom('milestones').select('id').where('completed_date', 'is not', null).execute();
  const completedSince = nowCompleted.filter((m) => baseline.openMilestones.has(m.id)).map((m) => m.id);
  expect(completedSince.sort((x, y) => x - y)).toEqual(completions.map((c) => c.milestone_id).sort((x, y) => x - y));

  // KPI values: exactly the ones sent with each report, none left without a report.
  const observations = await db
    .selectFrom('kpi_observations')
    .select(['report_id', 'kpi_id', 'value'])
    .where('id', '>', baseline.maxObservationId)
    .execute();
  const expectedObservations = reports.flatMap((r) => {
    const sent = sentByNote.get(r.note);
    return sent ? (sent.sent.kpiObservations ?? []).map((k) => `${r.id}/${k.kpiId}/${k.value}`) : [];
  });
  expect(observations.map((k) => `${k.report_id}/${k.kpi_id}/${Number(k.value)}`).sort()).toEqual(expectedObservations.sort());

  // Each report has its state range; each measure's open range is its latest report.
  const ranges = await db
    .selectFrom('report_state_intervals')
    .select(['report_id', 'measure_id', 'valid_to'])
    .where('report_id', '>', baseline.maxReportId)
    .execute();
  expect(ranges.map((r) => r.report_id).sort((x, y) => x - y)).toEqual(reports.map((r) => r.id));

  // Each measure: the version counts its reports, the cached state is its latest report's.
  const measures = await db
    .selectFrom('measures')
    .select(['id', 'code', 'version', 'status', 'health', 'last_reported_at', 'report_due_at'])
    .execute();
  const latestRanges = await db
    .selectFrom('report_state_intervals')
    .select(['measure_id', 'report_id'])
    .where('valid_to', '=', '9999-12-31T23:59:59.999Z')
    .execute();
  const openRange = new Map(latestRanges.map((r) => [r.measure_id, r.report_id]));
  for (const m of measures) {
    const written = reports.filter((r) => r.code === m.code).length;
    expect(m.version, `${m.code} version`).toBe((baseline.versions.get(m.code) ?? 0) + written);
    const latest = await db
      .selectFrom('status_reports')
      .select(['id', 'status', 'health', 'reported_at', 'next_report_due_at'])
      .where('measure_id', '=', m.id)
      .orderBy('reported_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) continue;
    expect({ status: m.status, health: m.health, last: m.last_reported_at, due: m.report_due_at }, `${m.code} cache`).toEqual({
      status: latest.status,
      health: latest.health,
      last: latest.reported_at,
      due: latest.next_report_due_at,
    });
    expect(openRange.get(m.id), `${m.code} open range`).toBe(latest.id);
  }

  // Every committed write moved the data version (decision 019).
  expect((await dataVersion(db)) - baseline.dataVersion).toBeGreaterThanOrEqual(reports.length);

  if (dialect === 'sqlite') {
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
    expect(integrity.rows.map((r) => r.integrity_check)).toEqual(['ok']);
    const foreignKeys = await sql`PRAGMA foreign_key_check`.execute(db);
    expect(foreignKeys.rows).toEqual([]);
  }
  return {
    reports: reports.length,
    accepted: accepted.length,
    unanswered,
    completions: completions.length,
    observations: observations.length,
  };
}

/** The restarted server answers every acknowledged report in the measures' logs, and takes a new write. */
async function checkThroughRestartedServer(server: ServerProcess, outcomes: readonly WriteOutcome[]) {
  const client = new HttpClient(server.url);
  try {
    const byCode = new Map<string, number[]>();
    for (const o of outcomes) if (o.kind === 'accepted') byCode.set(o.code, [...(byCode.get(o.code) ?? []), o.reportId]);
    for (const [code, ids] of byCode) {
      const res = await client.call('GET', `/api/v1/measures/${code}`);
      expect(res.status).toBe(200);
      const present = new Set(measureDetailResponse.parse(res.body).reports.map((r) => r.id));
      expect(
        ids.filter((id) => !present.has(id)),
        `${code}: acknowledged reports missing after the restart`,
      ).toEqual([]);
    }
    const [lead] = LEADS;
    if (!lead) throw new Error('no leads');
    const cookie = await signInOver(client, lead.email, TEST_PASSWORD);
    const code = 'METI-0001';
    const current = await client.call('GET', `/api/v1/measures/${code}`);
    const written = await client.call('POST', `/api/v1/measures/${code}/reports`, {
      cookie,
      ifMatch: current.etag ?? '',
      body: { status: 'in_progress', health: 'on_track', note: 'after the restart' },
    });
    expect(written.status, written.text).toBe(201);
  } finally {
    client.close();
  }
}

const DIALECTS: DialectName[] = testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];

if (!testDatabaseUrl()) {
  describe('crash recovery on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is unset (set it to a PostgreSQL server to run this on PostgreSQL too)', () => {});
  });
}

describe.each(DIALECTS)('kill -9 while leads file reports, on %s', (dialect) => {
  let shared: Shared;

  beforeAll(async () => {
    shared = await sharedDatabase(dialect);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await shared?.drop();
  });

  it(
    'every acknowledged report survives, and nothing half-written is visible after the restart',
    { timeout: 4 * START_TIMEOUT_MS },
    async () => {
      for (let round = 1; round <= ROUNDS; round += 1) {
        // Taken again each round: the previous round's writes, and its restart's, are the log now.
        const before = await shared.connect();
        const baseline = await baselineOf(before.db);
        await before.release();
        const outcomes = await writeAndKill(shared, baseline, round, mixSeed(RUN_SEED, round, dialect === 'sqlite' ? 1 : 2));

        const restarted = await startServerProcess(shared.url);
        running.push(restarted);
        try {
          const after = await shared.connect();
          try {
            const counts = await checkNothingLostOrHalfWritten(after, baseline, outcomes);
            console.log(
              `crash-recovery (${dialect}) round ${round}: ${counts.accepted} acknowledged, ` +
                `${counts.unanswered} cut off by the kill, ${counts.reports} in the log after the restart ` +
                `(${counts.completions} milestone completions, ${counts.observations} KPI values)`,
            );
            expect(counts.accepted).toBeGreaterThan(0);
          } finally {
            await after.release();
          }
          await checkThroughRestartedServer(restarted, outcomes);
        } finally {
          restarted.child.kill('SIGTERM');
          expect((await restarted.exited).code).toBe(0);
        }
      }
    },
  );
});
