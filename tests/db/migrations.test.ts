import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrateToEmpty, migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
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

  it('adds the secretariat role without losing users, their sessions or the foreign keys to them', async () => {
    handle = await createTestDatabase(dialect, { migrate: false });
    const db = handle.db;
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    const before = await migrator.migrateTo('2026-12-01-001-imports');
    expect(before.error).toBeUndefined();
    const now = '2026-01-01T00:00:00.000Z';
    const user = await db
      .insertInto('users')
      .values({ email: 'a@example.jp', display_name: 'A', role: 'admin', ministry_id: null, password_hash: 'x', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('sessions')
      .values({
        token_hash: 'h',
        user_id: user.id,
        created_at: now,
        last_seen_at: now,
        expires_at: now,
        ip: null,
        user_agent: null,
      })
      .execute();
    const secretariat = {
      email: 's@example.jp',
      display_name: 'S',
      role: 'secretariat',
      ministry_id: null,
      password_hash: 'x',
      created_at: now,
    };
    await expect(db.insertInto('users').values(secretariat).execute()).rejects.toThrow();

    await migrateToLatest(db);
    await db.insertInto('users').values(secretariat).execute();
    await expect(
      db
        .insertInto('users')
        .values({ ...secretariat, email: 'x@example.jp', role: 'chief' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('users')
        .values({ ...secretariat, email: 'a@example.jp' })
        .execute(),
    ).rejects.toThrow();
    expect(await db.selectFrom('sessions').select('user_id').execute()).toEqual([{ user_id: user.id }]);
    // The sessions still refer to users (not to the table the rebuild renamed away).
    await expect(
      db
        .insertInto('sessions')
        .values({
          token_hash: 'h2',
          user_id: 9999,
          created_at: now,
          last_seen_at: now,
          expires_at: now,
          ip: null,
          user_agent: null,
        })
        .execute(),
    ).rejects.toThrow();
    if (dialect === 'sqlite') {
      const refs = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_list('sessions')`.execute(db);
      expect(refs.rows.map((r) => r.table)).toEqual(['users']);
    }
  });
});
