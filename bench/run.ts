import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { addDays, jstDateOf } from '../common/calendar';
import { openDatabase } from '../db/connection';
import type { DatabaseHandle } from '../db/connection';
import { createScratchPostgres } from '../db/scratch-database';
import { benchApi, formatHeader, targetsFor } from './api-bench';
import { benchExports } from './export-bench';
import { benchHttp } from './http-load';
import { seedSample, seedSynthetic } from './seed-database';
import type { Seeded } from './seed-database';
import { measureStartUp } from './start-up';
import type { SamplePlan } from './timing';

// `npm run bench` (issue 11; docs/benchmarks.md says how to read it):
//
//   npm run bench [-- --measures 100000] [--postgres postgres://…/postgres] [--only REGEX]
//                 [--cold 15] [--warm 50] [--floor 15] [--budget 4] [--out bench/results/latest.json]
//   npm run bench -- --http [--measures N] [--duration 5] [--connections 50]
//   npm run bench -- --exports-only [--measures N]   (whole exports: time, size, peak RSS; issue 8)
//   … [--database bench/results/bench-100k.db]   (SQLite: seed into this file once and keep it; a later
//                                                 run over a file that has measures reuses it unseeded)
//
// Default mode: seeds N synthetic measures into a fresh SQLite file (and, with --postgres, a fresh
// database on that server, dropped afterwards), then prints per call the cold and warm median and
// p95 through the whole app, the raw-SQL floor and the ratios, against the issue-11 targets; on
// SQLite also the start-up of the bundled server (`dist/server/main.mjs`, as `npm start` runs it) over the seeded file and its RSS.
// --http: the real node server in its own process, loaded by autocannon (docs/decisions/016-…).

const { values: args } = parseArgs({
  options: {
    measures: { type: 'string' },
    sample: { type: 'boolean', default: false },
    cold: { type: 'string', default: '15' },
    warm: { type: 'string', default: '50' },
    floor: { type: 'string', default: '15' },
    budget: { type: 'string', default: '4' },
    past: { type: 'string' },
    only: { type: 'string' },
    postgres: { type: 'string' },
    out: { type: 'string', default: 'bench/results/latest.json' },
    database: { type: 'string' },
    'no-start-up': { type: 'boolean', default: false },
    'no-sqlite': { type: 'boolean', default: false },
    'exports-only': { type: 'boolean', default: false },
    http: { type: 'boolean', default: false },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
  },
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NOW = new Date();
const TODAY = jstDateOf(NOW);
// ≈ 5 months back: far enough that the as-of figures rebuild states from the report log.
const PAST = args.past ?? addDays(TODAY, -150);
const MEASURES = Number(args.measures ?? 10_000);
// --http loads the sample data unless a size is asked for (a dashboard as the demo shows it).
const SAMPLE = args.sample || (args.http && args.measures === undefined);

function plan(max: string): SamplePlan {
  return { max: Number(max), min: Math.min(5, Number(max)), budgetMs: Number(args.budget) * 1000 };
}

interface Target {
  name: 'sqlite' | 'postgres';
  open: () => Promise<DatabaseHandle & { url: string | null; drop(): Promise<void> }>;
}

function targets(): Target[] {
  const list: Target[] = [];
  if (!args['no-sqlite'])
    list.push({
      name: 'sqlite',
      open: async () => {
        // A kept file (--database): seeding 100k measures takes minutes on a shared 2-core machine,
        // so the start-up and the --http runs can share one seed (docs/benchmarks.md, 2026-12-03).
        if (args.database) {
          const path = resolve(args.database);
          mkdirSync(dirname(path), { recursive: true });
          const handle = await openDatabase({ kind: 'sqlite', path });
          return { ...handle, url: `sqlite:${path}`, drop: () => handle.close() };
        }
        const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-bench-'));
        const path = join(dir, 'bench.db');
        const handle = await openDatabase({ kind: 'sqlite', path });
        return {
          ...handle,
          url: `sqlite:${path}`,
          drop: async () => (await handle.close(), rmSync(dir, { recursive: true, force: true })),
        };
      },
    });
  const serverUrl = args.postgres;
  if (serverUrl)
    list.push({
      name: 'postgres',
      open: async () => {
        const handle = await createScratchPostgres(serverUrl, 'mt_bench');
        // The scratch database's own URL, for the server processes of the start-up and --http.
        const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(handle.db);
        const url = new URL(serverUrl);
        url.pathname = `/${rows[0]?.name ?? ''}`;
        return { ...handle, url: url.toString() };
      },
    });
  return list;
}

async function seed(handle: DatabaseHandle): Promise<Seeded> {
  if (args.database && handle.dialect === 'sqlite') {
    const kept = await keptSeed(handle);
    if (kept) return kept;
  }
  return SAMPLE ? seedSample(handle, NOW) : seedSynthetic(handle, MEASURES, NOW);
}

/** The counts of a kept --database file that already holds measures; null when it is new or empty. */
async function keptSeed(handle: DatabaseHandle): Promise<Seeded | null> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name = 'measures'`.execute(handle.db);
  if (rows.length === 0) return null;
  const count = async (table: 'measures' | 'status_reports') =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const measures = await count('measures');
  if (measures === 0) return null;
  console.log(`reusing ${args.database} (seeded by an earlier run; --measures is ignored)`);
  return { measures, reports: await count('status_reports'), seconds: 0 };
}

async function main() {
  const cpu = cpus()[0]?.model ?? 'unknown';
  const machine = `${cpu} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  console.log(`Measure Tracker benchmark — ${NOW.toISOString()}`);
  console.log(
    `machine: ${machine}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const results: Record<string, unknown> = {
    date: NOW.toISOString(),
    machine,
    loadBefore: loadavg(),
    mode: args.http ? 'http' : 'api',
  };

  for (const target of targets()) {
    const handle = await target.open();
    try {
      const seeded = await seed(handle);
      console.log(
        `\n[${target.name}] seeded ${seeded.measures} ${SAMPLE ? 'sample' : 'synthetic'} measures / ${seeded.reports} reports in ${seeded.seconds} s`,
      );
      if (args.http) {
        results[target.name] = {
          seeded,
          http: await benchHttp({
            databaseUrl: handle.url,
            root: ROOT,
            today: TODAY,
            past: PAST,
            durationS: Number(args.duration),
            connections: Number(args.connections),
            only: args.only ? new RegExp(args.only) : undefined,
          }),
        };
        continue;
      }
      if (args['exports-only']) {
        results[target.name] = { seeded, exports: await benchExports(handle, NOW) };
        continue;
      }
      const startUp = handle.url && !args['no-start-up'] ? await measureStartUp(handle.url, ROOT) : null;
      if (startUp)
        console.log(
          `start-up (dist/server/main.mjs): health after ${startUp.healthMs} ms, first /meta ${startUp.metaMs} ms, ` +
            `first /stats/summary ${startUp.summaryMs} ms (total ${startUp.totalMs} ms); server RSS ${startUp.rssMb} MB`,
        );
      const t = targetsFor(seeded.measures);
      console.log(
        `targets (${t.label}): cold ≤ ${t.coldMs} ms, warm ≤ ${t.warmMs} ms` +
          (t.listPageColdMs ? `, list page 1 cold ≤ ${t.listPageColdMs} ms` : '') +
          `; as of ${PAST}; medians and p95 in ms; n = samples cold/warm/floor`,
      );
      console.log(formatHeader());
      const calls = await benchApi(handle, {
        cold: plan(args.cold),
        warm: plan(args.warm),
        floor: plan(args.floor),
        now: NOW,
        today: TODAY,
        past: PAST,
        measures: seeded.measures,
        only: args.only ? new RegExp(args.only) : undefined,
      });
      const coldMet = calls.filter((c) => c.coldMet).length;
      const warmMet = calls.filter((c) => c.warmMet).length;
      console.log(`cold target met by ${coldMet}/${calls.length} calls, warm by ${warmMet}/${calls.length}`);
      results[target.name] = { seeded, startUp, calls };
    } finally {
      await handle.drop();
    }
  }
  results.loadAfter = loadavg();
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${args.out}`);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
