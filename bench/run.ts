import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection';
import type { DatabaseHandle } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { createScratchPostgres } from '../db/scratch-database';
import { loadTaxonomyIds, writeMeasures } from '../seeds/measure-writer';
import type { SeedMeasure } from '../seeds/seed-types';
import { generateSyntheticMeasures } from '../seeds/synthetic/generate-synthetic';
import { ensureTaxonomy } from '../db/reference-data';
import { createApp } from '../server/app';
import { jstDateOf } from '../common/calendar';
import { resolveFilters } from '../server/filters';
import { milestoneGroups, stateCounts, verifiableMilestoneGroups } from '../server/repositories/stats-repository';
import { listMeasures } from '../server/repositories/measures-repository';
import { loadTaxonomy } from '../server/repositories/taxonomy-repository';

// `npm run bench`: the dashboard API at scale (docs/product.md §7). Seeds N synthetic measures (~20 reports
// each) into a fresh database, then times every dashboard call through the whole app (routing,
// validation, SQL, figures, JSON) and the repository queries alone (the same SQL without the HTTP
// layer), and prints medians and the API/SQL ratio. The machine is shared and noisy: read ratios
// within one run, not absolute numbers.
//
//   npm run bench -- --measures 10000 --iterations 40 [--postgres postgres://…] [--exports-only]
//
// It also exports the whole list once per format (time to the last byte, size, peak RSS while
// exporting, sampled every 10 ms): the exports are written in batches, so the peak should not grow
// with N. --exports-only skips the dashboard calls (for 100,000 measures).

const { values: args } = parseArgs({
  options: {
    measures: { type: 'string', default: '10000' },
    iterations: { type: 'string', default: '40' },
    postgres: { type: 'string' },
    out: { type: 'string', default: 'bench/results/latest.json' },
    'exports-only': { type: 'boolean', default: false },
  },
});
const MEASURES = Number(args.measures);
const ITERATIONS = Number(args.iterations);
const NOW = new Date();

interface Row {
  name: string;
  medianMs: number;
  p95Ms: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function time(name: string, fn: () => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { name, medianMs: round(quantile(samples, 0.5)), p95Ms: round(quantile(samples, 0.95)) };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

async function seed(handle: DatabaseHandle): Promise<{ reports: number; seconds: number }> {
  const started = performance.now();
  await migrateToLatest(handle.db);
  await ensureTaxonomy(handle.db);
  const ids = await loadTaxonomyIds(handle.db);
  let batch: SeedMeasure[] = [];
  let reports = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await handle.db.transaction().execute((trx) => writeMeasures(trx, rows, ids));
  };
  for (const m of generateSyntheticMeasures({ count: MEASURES, seed: 1, referenceDate: jstDateOf(NOW) })) {
    reports += m.reports.length;
    batch.push(m);
    if (batch.length >= 500) await flush();
  }
  if (batch.length > 0) await flush();
  return { reports, seconds: round((performance.now() - started) / 1000) };
}

interface ExportRow {
  name: string;
  seconds: number;
  megabytes: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

const MB = 2 ** 20;

/** One export read to its end at the pace of a fast client, with the process's peak RSS meanwhile. */
async function timeExport(app: ReturnType<typeof createApp>, name: string, path: string): Promise<ExportRow> {
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  const res = await app.request(path);
  if (res.status !== 200 || !res.body) throw new Error(`${path} → ${res.status}`);
  let bytes = 0;
  const reader = res.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  const seconds = round((performance.now() - started) / 1000);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return {
    name,
    seconds,
    megabytes: round(bytes / MB),
    rssBeforeMb: Math.round(rssBefore / MB),
    peakRssMb: Math.round(peak / MB),
  };
}

async function benchExports(app: ReturnType<typeof createApp>): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for (const format of ['csv', 'xlsx', 'json'])
    rows.push(await timeExport(app, `measures.${format}`, `/api/v1/exports/measures.${format}`));
  rows.push(await timeExport(app, 'reports.csv', '/api/v1/exports/reports.csv'));
  return rows;
}

async function benchDialect(handle: DatabaseHandle) {
  const seeded = await seed(handle);
  const app = createApp({ db: handle.db, dialect: handle.dialect, now: () => NOW });
  if (args['exports-only']) return { seeded, rows: [], exports: await benchExports(app) };
  const get = async (path: string) => {
    const res = await app.request(path);
    if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
    await res.text();
  };
  const taxonomy = await loadTaxonomy(handle.db);
  const all = resolveFilters({}, taxonomy, NOW);
  const quantum = resolveFilters({ field: ['quantum'] }, taxonomy, NOW);
  const past = resolveFilters({ asOf: '2026-06-30' }, taxonomy, NOW);
  const quantumText = resolveFilters({ q: '量子' }, taxonomy, NOW);
  // docs/product.md §3 "Basis": the report state rebuilt from accepted reports, today.
  const verified = resolveFilters({ basis: 'verified' }, taxonomy, NOW);
  const acceptedStale = resolveFilters({ basis: 'accepted', health: ['stale'] }, taxonomy, NOW);
  const deadline = '2027-06-30';
  const exact = () => ({ deadline, exact: 'completed' as const });
  const compressed = (by: 'field' | 'ministry') => ({ by, deadline });
  // The summary's queries as stats-service.ts runs them without a status or health filter (as here):
  // the state counts, and one scan of the milestones marked verified or not for every basis's figures.
  const summarySql = (f: typeof all) =>
    Promise.all([stateCounts(handle.db, f), verifiableMilestoneGroups(handle.db, { ...f, basis: 'reported' }, exact())]);

  const api: Row[] = [];
  const sqlOnly: Row[] = [];
  const calls: [string, string, () => Promise<unknown>][] = [
    ['summary', '/api/v1/stats/summary', () => summarySql(all)],
    ['summary field=quantum', '/api/v1/stats/summary?field=quantum', () => summarySql(quantum)],
    ['summary asOf=2026-06-30', '/api/v1/stats/summary?asOf=2026-06-30', () => summarySql(past)],
    ['summary basis=verified', '/api/v1/stats/summary?basis=verified', () => summarySql(verified)],
    [
      'by-field',
      '/api/v1/stats/by-field',
      () => Promise.all([stateCounts(handle.db, all, 'field'), milestoneGroups(handle.db, all, compressed('field'))]),
    ],
    [
      'by-ministry',
      '/api/v1/stats/by-ministry',
      () => Promise.all([stateCounts(handle.db, all, 'ministry'), milestoneGroups(handle.db, all, compressed('ministry'))]),
    ],
    [
      'burnup',
      '/api/v1/stats/burnup',
      () =>
        Promise.all([milestoneGroups(handle.db, all, { ...exact(), exact: 'due' }), milestoneGroups(handle.db, all, exact())]),
    ],
    [
      'measures page 1',
      '/api/v1/measures?pageSize=50',
      () => listMeasures(handle.db, all, { sort: 'code', descending: false, page: 1, pageSize: 50, lang: 'ja' }),
    ],
    [
      'measures q=量子 sort=-progress',
      `/api/v1/measures?q=${encodeURIComponent('量子')}&sort=-progress`,
      () => listMeasures(handle.db, quantumText, { sort: 'progress', descending: true, page: 1, pageSize: 50, lang: 'ja' }),
    ],
    [
      'measures basis=accepted health=stale',
      '/api/v1/measures?basis=accepted&health=stale',
      () => listMeasures(handle.db, acceptedStale, { sort: 'code', descending: false, page: 1, pageSize: 50, lang: 'ja' }),
    ],
  ];
  for (const [name, path, raw] of calls) {
    api.push(await time(name, () => get(path)));
    sqlOnly.push(await time(name, raw));
  }
  // After the dashboard calls, not before: reading the whole report log first left a past-date summary
  // half again slower in the same process (203 → 311 ms at 10,000 measures), which would be the bench
  // measuring itself.
  const exports = await benchExports(app);
  return {
    seeded,
    exports,
    rows: api.map((a, i) => ({
      ...a,
      sqlMedianMs: sqlOnly[i]?.medianMs ?? NaN,
      ratio: round(a.medianMs / (sqlOnly[i]?.medianMs ?? NaN)),
    })),
  };
}

async function main() {
  const cpu = cpus()[0]?.model ?? 'unknown';
  console.log(`Measure Tracker benchmark — ${NOW.toISOString()}`);
  console.log(`machine: ${cpu} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  console.log(`data: ${MEASURES} synthetic measures; ${ITERATIONS} timed iterations per call after 3 warm-ups`);
  const results: Record<string, unknown> = {
    date: NOW.toISOString(),
    cpu,
    cores: cpus().length,
    node: process.version,
    measures: MEASURES,
  };

  // Each target is a fresh database, removed afterwards: --postgres names a server, not a database to fill.
  const targets: { name: string; open: () => Promise<DatabaseHandle & { drop(): Promise<void> }> }[] = [];
  targets.push({
    name: 'sqlite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-bench-'));
      const handle = await openDatabase({ kind: 'sqlite', path: join(dir, 'bench.db') });
      return { ...handle, drop: async () => (await handle.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  });
  const serverUrl = args.postgres;
  if (serverUrl) targets.push({ name: 'postgres', open: () => createScratchPostgres(serverUrl, 'mt_bench') });
  for (const target of targets) {
    const handle = await target.open();
    try {
      const { seeded, rows, exports } = await benchDialect(handle);
      console.log(`\n[${target.name}] seeded ${MEASURES} measures / ${seeded.reports} reports in ${seeded.seconds}s`);
      console.log(
        'export'.padEnd(20) + 'time'.padStart(10) + 'size'.padStart(10) + 'RSS before'.padStart(12) + 'peak RSS'.padStart(10),
      );
      for (const e of exports) {
        console.log(
          e.name.padEnd(20) +
            `${e.seconds} s`.padStart(10) +
            `${e.megabytes} MB`.padStart(10) +
            `${e.rssBeforeMb} MB`.padStart(12) +
            `${e.peakRssMb} MB`.padStart(10),
        );
      }
      console.log(
        'call'.padEnd(34) +
          'API median'.padStart(12) +
          'API p95'.padStart(10) +
          'SQL median'.padStart(12) +
          'API/SQL'.padStart(9),
      );
      for (const r of rows) {
        console.log(
          r.name.padEnd(34) +
            `${r.medianMs} ms`.padStart(12) +
            `${r.p95Ms} ms`.padStart(10) +
            `${r.sqlMedianMs} ms`.padStart(12) +
            `${r.ratio}×`.padStart(9),
        );
      }
      if (rows.length > 0) {
        const worst = Math.max(...rows.map((r) => r.medianMs));
        console.log(`slowest median: ${worst} ms (target < 50 ms: ${worst < 50 ? 'met' : 'NOT met'})`);
      }
      results[target.name] = { seeded, rows, exports };
    } finally {
      await handle.drop();
    }
  }
  mkdirSync(join(args.out, '..'), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${args.out}`);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
