import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection';
import type { DatabaseHandle, DatabaseTarget } from '../../db/connection';
import type { DialectName } from '../../db/dialect';
import { migrateToLatest } from '../../db/migrate';
import { createScratchPostgres } from '../../db/scratch-database';
import { testDatabaseUrl } from '../../server/config';

// Every test file gets its own freshly migrated database and drops it afterwards, on SQLite always
// and on PostgreSQL when TEST_DATABASE_URL is set (CI sets it).

export const TEST_DIALECTS: DialectName[] = testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends DatabaseHandle {
  /** Where it is, for a second connection to the same database (another server process). */
  target: DatabaseTarget;
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
  const target: DatabaseTarget = { kind: 'sqlite', path: join(dir, 'test.db') };
  const handle = await openDatabase(target);
  return {
    ...handle,
    target,
    async drop() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestDatabase> {
  const serverUrl = testDatabaseUrl();
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  return createScratchPostgres(serverUrl, 'mt_test');
}
