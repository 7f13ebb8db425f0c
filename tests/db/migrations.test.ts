import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToEmpty, migrateToLatest } from '../../db/migrate';
import { ensureTaxonomy } from '../../db/reference-data';
import { TEST_DIALECTS, createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

describe.each(TEST_DIALECTS)('migrations on %s', (dialect) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.drop();
    handle = undefined;
  });

  it('migrates up, is idempotent, and reverts to an empty schema and back', async () => {
    handle = await createTestDatabase(dialect, { migrate: false });
    const applied = await migrateToLatest(handle.db);
    expect(applied.length).toBeGreaterThan(0);
    expect(await migrateToLatest(handle.db)).toEqual([]);
    await ensureTaxonomy(handle.db);
    expect((await handle.db.selectFrom('fields').select('code').execute()).length).toBe(17);

    await migrateToEmpty(handle.db);
    const tables = (await handle.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
    expect(tables).toEqual([]);
    expect(await migrateToLatest(handle.db)).toEqual(applied);
  });

  it('refuses to update or delete the status report log', async () => {
    handle = await createTestDatabase(dialect);
    await ensureTaxonomy(handle.db);
    const db = handle.db;
    const ministry = await db.selectFrom('ministries').select('id').executeTakeFirstOrThrow();
    const pillar = await db.selectFrom('pillars').select('id').executeTakeFirstOrThrow();
    const now = '2026-01-01T00:00:00.000Z';
    await db
      .insertInto('measures')
      .values({
        code: 'METI-0001',
        title_ja: 't',
        title_en: 't',
        summary_ja: '',
        summary_en: '',
        lead_ministry_id: ministry.id,
        pillar_id: pillar.id,
        status: 'planning',
        health: 'on_track',
        start_date: null,
        target_date: null,
        budget_yen: null,
        budget_fiscal_year: null,
        owner_name: '',
        kpi_ja: '',
        kpi_en: '',
        reporting_cycle_days: 30,
        last_reported_at: now,
        report_due_at: now,
        search_text: 't',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    const measure = await db.selectFrom('measures').select('id').executeTakeFirstOrThrow();
    await db
      .insertInto('status_reports')
      .values({
        measure_id: measure.id,
        reported_at: now,
        reporter: 'a',
        status: 'planning',
        health: 'on_track',
        note: '',
        evidence_url: null,
        next_report_due_at: now,
        created_at: now,
      })
      .execute();
    await expect(db.updateTable('status_reports').set({ note: 'changed' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('status_reports').execute()).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`TRUNCATE status_reports CASCADE`.execute(db)).rejects.toThrow(/append-only/);
    expect((await db.selectFrom('status_reports').select('note').execute()).map((r) => r.note)).toEqual(['']);
  });
});
