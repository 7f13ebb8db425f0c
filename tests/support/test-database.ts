import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../db/connection';
import type { DatabaseHandle } from '../../db/connection';
import type { DialectName } from '../../db/dialect';
import { migrateToLatest } from '../../db/migrate';
import { testDatabaseUrl } from '../../server/config';

// Every test file gets its own freshly migrated database and drops it afterwards, on SQLite always
// and on PostgreSQL when TEST_DATABASE_URL is set (CI sets it).

export const TEST_DIALECTS: DialectName[] = testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends DatabaseHandle {
  /** Closes and removes the database. */
  drop(): Promise<void>;
}

/** A new, empty, migrated database of the given dialect. */
export async function createTestDatabase(dialect: DialectName, { migrate = true } = {}): Promise<TestDatabase> {
  const handle = dialect === 'sqlite' ? await createSqlite() : await createPostgres();
  if (migrate) await migrateToLatest(handle.db);
  return handle;
}

async function createSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-test-'));
  const handle = await openDatabase({ kind: 'sqlite', path: join(dir, 'test.db') });
  return {
    ...handle,
    async drop() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestDatabase> {
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `mt_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...handle,
    async drop() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
