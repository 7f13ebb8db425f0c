import { Migrator, NO_MIGRATIONS } from 'kysely';
import type { Kysely, MigrationProvider, MigrationResultSet } from 'kysely';
import { dialectOf } from './dialect';
import type { Database } from './schema';
import { migrations } from './migrations';

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/**
 * Applies every pending migration; returns the names applied. Safe to run from several processes:
 * on PostgreSQL Kysely holds an advisory lock; on SQLite it has no lock across processes, so a
 * process that loses the race (its transaction sees the tables another has just created) rolls back
 * and tries again, and then finds nothing left to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const attempts = dialectOf(db) === 'sqlite' ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return unwrap(await migrator(db).migrateToLatest());
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Reverts the latest applied migration; returns its name. */
export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await migrator(db).migrateDown());
}

/** Reverts every migration. */
export async function migrateToEmpty(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await migrator(db).migrateTo(NO_MIGRATIONS));
}
