import { parseCliOptions } from './cli/cli-args';
import { runCli } from './cli/run-cli';
import { openDatabase } from './connection';
import { describeDatabaseTarget, loadDatabaseTarget } from './database-url';
import { migrateDown, migrateToLatest } from './migrate';

// `npm run db:migrate`: applies pending migrations, or with --down reverts the latest one.

const USAGE = `Usage: npm run db:migrate -- [--down]

Applies every pending migration to DATABASE_URL (unset → data/tracker.db, sqlite:PATH, postgres://…).

Options:
  --down    revert the latest applied migration instead
  --help    show this help`;

function parse(argv: readonly string[]): { down: boolean; help: boolean } {
  const values = parseCliOptions(argv, { down: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  return { down: values.down ?? false, help: values.help ?? false };
}

async function run(options: { down: boolean }): Promise<void> {
  const database = loadDatabaseTarget();
  const target = describeDatabaseTarget(database);
  const handle = await openDatabase(database);
  try {
    if (options.down) {
      const reverted = await migrateDown(handle.db);
      process.stdout.write(
        reverted.length > 0 ? `Reverted on ${target}: ${reverted.join(', ')}\n` : `No migration to revert on ${target}.\n`,
      );
    } else {
      const applied = await migrateToLatest(handle.db);
      process.stdout.write(
        applied.length > 0
          ? `Applied on ${target}: ${applied.join(', ')}\n`
          : `No pending migrations on ${target}; the schema is up to date.\n`,
      );
    }
  } finally {
    await handle.close();
  }
}

void runCli({ name: 'db:migrate', usage: USAGE, parse, run });
