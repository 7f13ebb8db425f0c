import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../db/connection';
import type { DatabaseHandle } from '../db/connection';
import { createScratchPostgres } from '../db/scratch-database';
import { createRandom, mixSeed } from '../seeds/random';
import { hashPassword } from '../server/auth/password';
import { testDatabaseUrl } from '../server/config';
import { createUser } from '../server/repositories/auth-repository';
import { HttpClient, runReportWriter, signInOver, startServerProcess } from '../tests/support/report-writers';
import type { WriteOutcome } from '../tests/support/report-writers';
import { seedSample } from './seed-database';
import { round } from './timing';

// `npm run soak` (issue 12 item 6): ministry leads filing status reports and dashboard readers, all
// at once, for a minute against the real server in its own process (server/main.ts, as deployed),
// over a fresh database holding the sample data:
//
//   npm run soak [-- --seconds 60] [--writers 20] [--readers 50] [--postgres] [--seed N]
//
// Two leads per ministry share its hottest measures, so their writes race on If-Match (decision 006).
// Afterwards it checks, and exits 1 when one is broken: no 5xx and no error mentioning busy/locked
// (no SQLITE_BUSY reaches a user), no dropped connection, every write answered 201 or 412; no lost
// update (every acknowledged report is in the log, the log holds no other new report, and each
// measure's acknowledged writes took its versions one after the other, one winner per version);
// every 412 named a newer version than the writer's; each measure's cached state is its latest
// report's and every new report has its audit row. Prints p50/p99 per route (docs/benchmarks.md).
// The load generator runs in this process, on the same machine as the server: the latencies include
// its own share of the CPU.

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    writers: { type: 'string', default: '20' },
    readers: { type: 'string', default: '50' },
    postgres: { type: 'boolean', default: false },
    seed: { type: 'string' },
  },
});

const SECONDS = Number(args.seconds);
const WRITERS = Number(args.writers);
const READERS = Number(args.readers);
const SEED = Number(args.seed ?? Date.now() % 1_000_000);
const PASSWORD = 'soak password, not a secret';
// Cheap scrypt: the soak loads the API, not the sign-in.
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };
/** Measures each pair of leads reports on: few, so that the pair races on them. */
const MEASURES_PER_MINISTRY = 4;
const BUSY = /busy|locked/i;

interface Target {
  name: 'sqlite' | 'postgres';
  url: string;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

async function openTarget(): Promise<Target> {
  if (args.postgres) {
    const serverUrl = testDatabaseUrl();
    if (!serverUrl)
      throw new Error('--postgres needs TEST_DATABASE_URL (a PostgreSQL server; a scratch database is made and dropped)');
    const handle = await createScratchPostgres(serverUrl, 'mt_soak');
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(handle.db);
    const url = new URL(serverUrl);
    url.pathname = `/${rows[0]?.name ?? ''}`;
    return { name: 'postgres', url: url.toString(), handle, drop: () => handle.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-soak-'));
  const path = join(dir, 'soak.db');
  const handle = await openDatabase({ kind: 'sqlite', path });
  return {
    name: 'sqlite',
    url: `sqlite:${path}`,
    handle,
    drop: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Lead {
  email: string;
  ministry: string;
  codes: string[];
}

/** Two leads per ministry (the ministries with the most measures first), sharing its first few measures. */
async function createLeads(handle: DatabaseHandle): Promise<Lead[]> {
  const measures = await handle.db
    .selectFrom('measures as m')
    .innerJoin('ministries as mi', 'mi.id', 'm.lead_ministry_id')
    .select(['m.code', 'mi.code as ministry', 'mi.id as ministryId'])
    .where('m.status', '!=', 'completed')
    .orderBy('m.code')
    .execute();
  const byMinistry = new Map<string, { id: number; codes: string[] }>();
  for (const m of measures) {
    const entry = byMinistry.get(m.ministry) ?? { id: m.ministryId, codes: [] };
    entry.codes.push(m.code);
    byMinistry.set(m.ministry, entry);
  }
  const ministries = [...byMinistry.entries()].sort((a, b) => b[1].codes.length - a[1].codes.length);
  if (ministries.length === 0) throw new Error('the sample has no open measures');
  const passwordHash = await hashPassword(PASSWORD, CHEAP_SCRYPT);
  const leads: Lead[] = [];
  for (let i = 0; i < WRITERS; i += 1) {
    const pair = ministries[Math.floor(i / 2) % ministries.length];
    if (!pair) throw new Error('no ministry for a lead');
    const [ministry, entry] = pair;
    const email = `soak.lead.${i + 1}@example.go.jp`;
    await createUser(
      handle.db,
      { email, displayName: `soak lead ${i + 1}`, role: 'ministry_lead', ministry, passwordHash },
      new Date(),
    );
    leads.push({ email, ministry, codes: entry.codes.slice(0, MEASURES_PER_MINISTRY) });
  }
  return leads;
}

/** The dashboard's calls (docs/product.md §2) and a measure's detail, as the readers make them. */
function readerRoutes(codes: readonly string[], ministries: readonly string[]): [string, (r: () => number) => string][] {
  const at = (items: readonly string[], r: () => number): string => items[Math.floor(r() * items.length)] ?? '';
  return [
    ['GET /stats/summary', () => '/api/v1/stats/summary'],
    ['GET /stats/by-field', () => '/api/v1/stats/by-field'],
    ['GET /stats/by-ministry', () => '/api/v1/stats/by-ministry'],
    ['GET /stats/heatmap', () => '/api/v1/stats/heatmap'],
    ['GET /stats/burnup', () => '/api/v1/stats/burnup'],
    ['GET /measures (filtered)', (r) => `/api/v1/measures?ministry=${at(ministries, r)}&sort=behind&pageSize=50`],
    ['GET /measures (status, health)', () => '/api/v1/measures?status=in_progress&health=at_risk,off_track&sort=-progress'],
    ['GET /measures/:code', (r) => `/api/v1/measures/${at(codes, r)}`],
  ];
}

class Timings {
  readonly byRoute = new Map<string, { ms: number[]; statuses: Map<number, number> }>();
  /** The slowest requests, with when they began (seconds into the load): a tail at the start is a warm-up. */
  readonly slowest: { route: string; ms: number; startedS: number }[] = [];

  constructor(private readonly origin: number) {}

  add(route: string, ms: number, status: number): void {
    const entry = this.byRoute.get(route) ?? { ms: [], statuses: new Map<number, number>() };
    entry.ms.push(ms);
    entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
    this.byRoute.set(route, entry);
    this.slowest.push({ route, ms, startedS: (performance.now() - ms - this.origin) / 1000 });
    this.slowest.sort((a, b) => b.ms - a.ms);
    this.slowest.length = Math.min(this.slowest.length, 8);
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<number> {
  const machine = `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  const started = new Date();
  console.log(`Measure Tracker soak — ${started.toISOString()}, seed ${SEED}`);
  console.log(
    `machine: ${machine}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const target = await openTarget();
  const problems: string[] = [];
  try {
    const seeded = await seedSample(target.handle, started);
    const leads = await createLeads(target.handle);
    const { db } = target.handle;
    const allCodes = (await db.selectFrom('measures').select('code').execute()).map((m) => m.code);
    const ministries = [...new Set(leads.map((l) => l.ministry))];
    const before = {
      maxReportId: Number(
        (
          await db
            .selectFrom('status_reports')
            .select((eb) => eb.fn.max<number | null>('id').as('id'))
            .executeTakeFirstOrThrow()
        ).id ?? 0,
      ),
      maxAuditId: Number(
        (
          await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.max<number | null>('id').as('id'))
            .executeTakeFirstOrThrow()
        ).id ?? 0,
      ),
      versions: new Map((await db.selectFrom('measures').select(['code', 'version']).execute()).map((m) => [m.code, m.version])),
    };
    console.log(
      `[${target.name}] sample: ${seeded.measures} measures, ${seeded.reports} reports (seeded in ${seeded.seconds} s); ` +
        `${WRITERS} leads on ${ministries.length} ministries (${MEASURES_PER_MINISTRY} measures each), ${READERS} readers, ${SECONDS} s`,
    );

    const server = await startServerProcess(target.url);
    const client = new HttpClient(server.url);
    const timings = new Timings(performance.now());
    const outcomes: WriteOutcome[] = [];
    const readFailures: string[] = [];
    try {
      const cookies = await Promise.all(leads.map((l) => signInOver(client, l.email, PASSWORD)));
      const routes = readerRoutes(allCodes, ministries);
      // One of each call first, one after the other: a server process's first answers (its SQL
      // statements prepared, its code compiled) are a start-up cost, not what the soak measures.
      const warm = createRandom(SEED);
      for (const [, path] of routes)
        await client.call(
          'GET',
          path(() => warm.next()),
        );
      // Every connection opened before the load, as a reverse proxy keeps its upstream connections
      // (README, "Reverse proxy": keepalive). Opened during the load, the server took new connections
      // up at a few per second (its event-loop turns last a few hundred ms under 20 writers), so
      // readers waited seconds, some the whole run, for their first answer: a start-up artefact.
      await Promise.all(Array.from({ length: READERS + WRITERS + 1 }, () => client.call('GET', '/api/v1/health')));
      const end = performance.now() + SECONDS * 1000;
      const stop = () => performance.now() >= end;
      // This process's own event-loop delay: a tail here would be the load generator's, not the server's.
      const clientLag = monitorEventLoopDelay({ resolution: 10 });
      clientLag.enable();
      const loadStarted = performance.now();
      const writers = leads.map((lead, i) =>
        runReportWriter({
          client,
          writer: lead.email,
          cookie: cookies[i] ?? '',
          codes: lead.codes,
          random: createRandom(mixSeed(SEED, 1, i)),
          stop,
          record: (o) => outcomes.push(o),
          timing: (route, ms, status) => timings.add(route, ms, status),
        }),
      );
      const readers = Array.from({ length: READERS }, async (_, i) => {
        const random = createRandom(mixSeed(SEED, 2, i));
        while (!stop()) {
          const [route, path] = random.pick(routes);
          const p = path(() => random.next());
          try {
            const res = await client.call('GET', p);
            timings.add(route, res.ms, res.status);
            if (res.status !== 200 || BUSY.test(res.status >= 400 ? res.text : ''))
              readFailures.push(`${p} → ${res.status} ${res.text.slice(0, 300)}`);
          } catch (error) {
            readFailures.push(`${p} → ${String(error)}`);
            return;
          }
        }
      });
      // What a load balancer's health check sees: one request every 100 ms, each waiting its turn.
      const probe = (async () => {
        while (!stop()) {
          const res = await client.call('GET', '/api/v1/health').catch(() => null);
          if (res) timings.add('GET /health (probe, 10/s)', res.ms, res.status);
          else readFailures.push('/api/v1/health → no answer');
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await Promise.all([...writers, ...readers, probe]);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      clientLag.disable();

      // ── What was answered ──────────────────────────────────────────────────────────────
      const accepted = outcomes.flatMap((o) => (o.kind === 'accepted' ? [o] : []));
      const refused = outcomes.flatMap((o) => (o.kind === 'refused' ? [o] : []));
      for (const o of outcomes) {
        if (o.kind === 'failed') problems.push(`write ${o.code} by ${o.writer} → ${o.status} ${o.text.slice(0, 300)}`);
        if (o.kind === 'unanswered') problems.push(`write ${o.code} by ${o.writer}: no answer (${o.error})`);
      }
      problems.push(...readFailures.slice(0, 20));
      if (readFailures.length > 20) problems.push(`… and ${readFailures.length - 20} more failed reads`);
      for (const [route, entry] of timings.byRoute) {
        const fiveHundreds = [...entry.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
        if (fiveHundreds > 0) problems.push(`${route}: ${fiveHundreds} answers 5xx`);
      }
      for (const o of refused) {
        if (o.current <= o.basedOn)
          problems.push(`${o.code}: a 412 for version ${o.basedOn}, but the current one is ${o.current}`);
      }

      // ── What the database holds ─────────────────────────────────────────────────────────
      const reports = await db
        .selectFrom('status_reports as r')
        .innerJoin('measures as m', 'm.id', 'r.measure_id')
        .select(['r.id', 'm.code', 'r.note', 'r.status', 'r.health'])
        .where('r.id', '>', before.maxReportId)
        .execute();
      const byId = new Map(reports.map((r) => [r.id, r]));
      let lost = 0;
      for (const o of accepted) {
        const r = byId.get(o.reportId);
        if (!r || r.code !== o.code || r.note !== o.sent.note || r.status !== o.sent.status || r.health !== o.sent.health)
          lost += 1;
      }
      if (lost > 0) problems.push(`${lost} acknowledged reports are not in the log as sent`);
      if (reports.length !== accepted.length)
        problems.push(`${reports.length} new reports in the log, ${accepted.length} acknowledged`);
      const acceptedByCode = new Map<string, typeof accepted>();
      for (const o of accepted) acceptedByCode.set(o.code, [...(acceptedByCode.get(o.code) ?? []), o]);
      const measures = await db
        .selectFrom('measures')
        .select(['id', 'code', 'version', 'status', 'health', 'last_reported_at'])
        .where('code', 'in', [...new Set(leads.flatMap((l) => l.codes))])
        .execute();
      for (const m of measures) {
        const writes = acceptedByCode.get(m.code) ?? [];
        const base = before.versions.get(m.code) ?? 0;
        const versions = writes.map((w) => w.version).sort((a, b) => a - b);
        const expected = writes.map((_, i) => base + i + 1);
        if (versions.join() !== expected.join())
          problems.push(`${m.code}: acknowledged versions ${versions.join(',')} are not ${base + 1}…${base + writes.length}`);
        for (const w of writes)
          if (w.version !== w.basedOn + 1) problems.push(`${m.code}: a write on v${w.basedOn} made v${w.version}`);
        if (m.version !== base + writes.length)
          problems.push(`${m.code}: version ${m.version}, expected ${base + writes.length}`);
        const latest = await db
          .selectFrom('status_reports')
          .select(['status', 'health', 'reported_at'])
          .where('measure_id', '=', m.id)
          .orderBy('reported_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (latest && (latest.status !== m.status || latest.health !== m.health || latest.reported_at !== m.last_reported_at))
          problems.push(
            `${m.code}: cached state ${m.status}/${m.health} is not its latest report's ${latest.status}/${latest.health}`,
          );
      }
      const audits = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', '>', before.maxAuditId)
        .where('action', '=', 'measure.report')
        .executeTakeFirstOrThrow();
      if (Number(audits.n) !== reports.length) problems.push(`${audits.n} report audit rows for ${reports.length} new reports`);
      if (target.name === 'sqlite') {
        const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
        if (integrity.rows[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity.rows)}`);
      }

      // ── Figures ────────────────────────────────────────────────────────────────────────
      const reads = [...timings.byRoute].filter(([r]) => r.startsWith('GET')).reduce((n, [, e]) => n + e.ms.length, 0);
      console.log(
        `\n${round(loadSeconds)} s: ${accepted.length} reports accepted (${round(accepted.length / loadSeconds)}/s), ` +
          `${refused.length} refused with 412 (raced on If-Match), ${reads} reads (${round(reads / loadSeconds)}/s)`,
      );
      console.log(
        `${'route'.padEnd(34)}${'n'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}  statuses`,
      );
      for (const [route, entry] of [...timings.byRoute].sort((a, b) => a[0].localeCompare(b[0]))) {
        const sorted = [...entry.ms].sort((a, b) => a - b);
        const statuses = [...entry.statuses]
          .sort((a, b) => a[0] - b[0])
          .map(([s, n]) => `${s}×${n}`)
          .join(' ');
        console.log(
          route.padEnd(34) +
            String(sorted.length).padStart(8) +
            quantile(sorted, 0.5).toFixed(1).padStart(9) +
            quantile(sorted, 0.99).toFixed(1).padStart(9) +
            (sorted[sorted.length - 1] ?? 0).toFixed(1).padStart(9) +
            `  ${statuses}`,
        );
      }
      console.log(
        `load generator's event-loop delay: p99 ${round(clientLag.percentile(99) / 1e6)} ms, max ${round(clientLag.max / 1e6)} ms`,
      );
      console.log(
        `slowest: ${timings.slowest.map((t) => `${t.route} ${Math.round(t.ms)} ms at ${t.startedS.toFixed(1)} s`).join('; ')}`,
      );
    } finally {
      client.close();
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      if (exit.code !== 0) problems.push(`the server exited with ${exit.code ?? exit.signal}:\n${server.output().slice(-2000)}`);
      if (BUSY.test(server.output())) problems.push(`the server's output mentions busy/locked:\n${server.output().slice(-2000)}`);
    }
  } finally {
    await target.drop();
  }
  console.log(
    `load after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  if (problems.length > 0) {
    const shown = problems.slice(0, 40).map((p) => `  - ${p}`);
    if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
    console.error(`\nBROKEN (${problems.length}):\n${shown.join('\n')}`);
    return 1;
  }
  console.log('\nall properties held: no 5xx, no busy/locked, no lost update, every refusal a 412');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
