import type { DatabaseHandle } from '../db/connection';
import { createApp } from '../server/app';
import { benchCalls } from './bench-calls';
import type { BenchCall } from './bench-calls';
import { createBenchWriter } from './bench-writer';
import { sample } from './timing';
import type { Figure, SamplePlan } from './timing';
import { round } from './timing';

// Cold, warm and floor of every call through the whole app (`app.request`: routing, validation,
// SQL, figures, JSON), on one database (docs/benchmarks.md has the definitions):
// - cold: the first request after a real write through the HTTP API (bench-writer.ts);
// - warm: the same request again, no write in between;
// - floor: the raw SQL of the same figure (sql-floors.ts) on the same connection.

export interface Targets {
  label: string;
  coldMs: number;
  warmMs: number;
  /** The list's first page, cold (at 100,000 measures only). */
  listPageColdMs: number | null;
}

/** docs/benchmarks.md: the issue-11 targets at 10,000 and at 100,000 measures. */
export function targetsFor(measures: number): Targets {
  return measures > 30_000
    ? { label: '100k', coldMs: 150, warmMs: 5, listPageColdMs: 20 }
    : { label: '10k', coldMs: 15, warmMs: 2, listPageColdMs: null };
}

export interface CallResult {
  name: string;
  path: string;
  cold: Figure;
  warm: Figure;
  floor: Figure;
  coldTargetMs: number;
  warmTargetMs: number;
  coldMet: boolean;
  warmMet: boolean;
  coldOverFloor: number;
  warmOverFloor: number;
}

export interface ApiBenchOptions {
  cold: SamplePlan;
  warm: SamplePlan;
  floor: SamplePlan;
  now: Date;
  today: string;
  past: string;
  measures: number;
  only?: RegExp;
}

interface RequestableApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/**
 * One GET read to its end; for an export, the time to its first chunk. The export is still read to
 * its end: a cancelled one went on writing in the background and slowed the next sample tenfold.
 */
async function get(app: RequestableApp, call: BenchCall): Promise<number | void> {
  const start = performance.now();
  const res = await app.request(call.path);
  if (res.status !== 200 || !res.body) throw new Error(`${call.path} → ${res.status}: ${await res.text()}`);
  if (!call.firstByte) {
    await res.arrayBuffer();
    return;
  }
  const reader = res.body.getReader();
  let chunk = await reader.read();
  const firstByteMs = performance.now() - start;
  while (!chunk.done) chunk = await reader.read();
  return firstByteMs;
}

export async function benchApi(handle: DatabaseHandle, options: ApiBenchOptions): Promise<CallResult[]> {
  const app = createApp({ db: handle.db, dialect: handle.dialect, now: () => options.now });
  const writer = await createBenchWriter(handle.db, app, options.now);
  const ids = async (table: 'fields' | 'ministries') =>
    new Map((await handle.db.selectFrom(table).select(['code', 'id']).execute()).map((r) => [r.code, r.id]));
  const calls = benchCalls({
    db: handle.db,
    today: options.today,
    past: options.past,
    measures: options.measures,
    fieldIds: await ids('fields'),
    ministryIds: await ids('ministries'),
  }).filter((c) => !options.only || options.only.test(c.name));
  const targets = targetsFor(options.measures);
  const results: CallResult[] = [];
  for (const call of calls) {
    // One untimed request: a 400 or 500 stops the bench here, before any figure is printed.
    await get(app, call);
    const cold = await sample(
      options.cold,
      () => get(app, call),
      () => writer.write(),
    );
    const warm = await sample(options.warm, () => get(app, call));
    const floor = await sample(options.floor, async () => void (await call.floor()));
    const coldTargetMs = call.firstListPage && targets.listPageColdMs !== null ? targets.listPageColdMs : targets.coldMs;
    const result: CallResult = {
      name: call.name,
      path: call.path,
      cold,
      warm,
      floor,
      coldTargetMs,
      warmTargetMs: targets.warmMs,
      coldMet: cold.medianMs <= coldTargetMs,
      warmMet: warm.medianMs <= targets.warmMs,
      coldOverFloor: round(cold.medianMs / floor.medianMs),
      warmOverFloor: round(warm.medianMs / floor.medianMs),
    };
    results.push(result);
    console.log(formatRow(result));
  }
  return results;
}

const COLUMNS: [string, number][] = [
  ['call', 40],
  ['cold med', 10],
  ['p95', 9],
  ['target', 8],
  ['', 8],
  ['warm med', 10],
  ['p95', 9],
  ['target', 8],
  ['', 8],
  ['floor', 9],
  ['cold/fl', 8],
  ['warm/fl', 8],
  ['n c/w/f', 10],
];

export function formatHeader(): string {
  return COLUMNS.map(([title, width], i) => (i === 0 ? title.padEnd(width) : title.padStart(width))).join('');
}

const ms = (v: number) => (v >= 100 ? `${Math.round(v)}` : v.toFixed(v >= 10 ? 1 : 2));

export function formatRow(r: CallResult): string {
  const cells = [
    r.name,
    ms(r.cold.medianMs),
    ms(r.cold.p95Ms),
    `≤${r.coldTargetMs}`,
    r.coldMet ? 'met' : 'NOT met',
    ms(r.warm.medianMs),
    ms(r.warm.p95Ms),
    `≤${r.warmTargetMs}`,
    r.warmMet ? 'met' : 'NOT met',
    ms(r.floor.medianMs),
    `${r.coldOverFloor.toFixed(2)}×`,
    `${r.warmOverFloor.toFixed(2)}×`,
    `${r.cold.samples}/${r.warm.samples}/${r.floor.samples}`,
  ];
  return cells
    .map((cell, i) => {
      const width = COLUMNS[i]?.[1] ?? 8;
      return i === 0 ? cell.slice(0, width - 1).padEnd(width) : cell.padStart(width);
    })
    .join('');
}
