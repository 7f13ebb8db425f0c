import type { DatabaseHandle } from '../db/connection';
import { createApp } from '../server/app';
import { round } from './timing';

// `npm run bench -- --exports-only` (issue 8, kept from the earlier bench): each whole export read to
// its end at the pace of a fast client, with its size and the process's peak RSS meanwhile (sampled
// every 10 ms). The exports are written in batches, so the peak should not grow with N. Run as
// `node --expose-gc --import tsx bench/run.ts …` to collect the heap before each export.

export interface ExportRow {
  name: string;
  seconds: number;
  megabytes: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

const MB = 2 ** 20;

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

export async function benchExports(handle: DatabaseHandle, now: Date): Promise<ExportRow[]> {
  const app = createApp({ db: handle.db, dialect: handle.dialect, now: () => now });
  const rows: ExportRow[] = [];
  for (const format of ['csv', 'xlsx', 'json'])
    rows.push(await timeExport(app, `measures.${format}`, `/api/v1/exports/measures.${format}`));
  rows.push(await timeExport(app, 'reports.csv', '/api/v1/exports/reports.csv'));
  console.log(
    'export'.padEnd(20) + 'time'.padStart(10) + 'size'.padStart(10) + 'RSS before'.padStart(12) + 'peak RSS'.padStart(10),
  );
  for (const e of rows)
    console.log(
      e.name.padEnd(20) +
        `${e.seconds} s`.padStart(10) +
        `${e.megabytes} MB`.padStart(10) +
        `${e.rssBeforeMb} MB`.padStart(12) +
        `${e.peakRssMb} MB`.padStart(10),
    );
  return rows;
}
