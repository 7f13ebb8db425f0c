import { sql } from 'kysely';
import { jstDateOf } from '../common/calendar';
import type { DatabaseHandle } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { ensureTaxonomy } from '../db/reference-data';
import { loadTaxonomyIds, writeMeasures } from '../seeds/measure-writer';
import { seedSampleIfEmpty } from '../seeds/seed-sample';
import type { SeedMeasure } from '../seeds/seed-types';
import { generateSyntheticMeasures } from '../seeds/synthetic/generate-synthetic';
import { round } from './timing';

// The bench's data: N synthetic measures (≈ 20 status reports each), or the illustrative sample.

export interface Seeded {
  measures: number;
  reports: number;
  seconds: number;
}

export async function seedSynthetic(handle: DatabaseHandle, count: number, now: Date): Promise<Seeded> {
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
  for (const m of generateSyntheticMeasures({ count, seed: 1, referenceDate: jstDateOf(now) })) {
    reports += m.reports.length;
    batch.push(m);
    if (batch.length >= 500) await flush();
  }
  if (batch.length > 0) await flush();
  await analyse(handle);
  return { measures: count, reports, seconds: round((performance.now() - started) / 1000) };
}

export async function seedSample(handle: DatabaseHandle, now: Date): Promise<Seeded> {
  const started = performance.now();
  await migrateToLatest(handle.db);
  await ensureTaxonomy(handle.db);
  const { measures } = await seedSampleIfEmpty(handle.db, { referenceDate: jstDateOf(now) });
  const reports = await handle.db
    .selectFrom('status_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await analyse(handle);
  return { measures, reports: Number(reports.n), seconds: round((performance.now() - started) / 1000) };
}

/**
 * On PostgreSQL, fresh statistics as autovacuum gives a database in service: one just seeded and not
 * yet analysed plans joins over every row (docs/benchmarks.md, 2026-12-01 exports). SQLite is left as
 * the app leaves it (nothing runs ANALYZE there).
 */
async function analyse(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === 'postgres') await sql`ANALYZE`.execute(handle.db);
}
