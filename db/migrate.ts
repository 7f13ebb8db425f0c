import { Migrator, NO_MIGRATIONS } from 'kysely';
import type { Kysely, MigrationProvider, MigrationResultSet } from 'kysely';
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

/** Applies every pending migration; returns the names applied. Safe to run from several processes. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await migrator(db).migrateToLatest());
}

/** Reverts the latest applied migration; returns its name. */
export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await migrator(db).migrateDown());
}

/** Reverts every migration. */
export async function migrateToEmpty(db: Kysely<Database>): Promise<string[]> {
  return unwrap(await migrator(db).migrateTo(NO_MIGRATIONS));
}
