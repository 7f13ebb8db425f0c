import { UsageError, parseCliOptions } from '../server/cli/cli-args';
import { ConfigError, loadDatabaseTarget, redactUrl } from '../server/config';
import { DatabaseOpenError, openDatabase } from './connection';
import { migrateDown, migrateToLatest } from './migrate';

// `npm run db:migrate`: applies pending migrations, or with --down reverts the latest one.
// Operator mistakes end in one line on stderr and exit code 1, never a stack trace.

const NAME = 'db:migrate';

const USAGE = `Usage: npm run db:migrate -- [--down]

Applies every pending migration to DATABASE_URL (unset → data/tracker.db, sqlite:PATH, postgres://…).

Options:
  --down    revert the latest applied migration instead
  --help    show this help`;

function readOptions(argv: readonly string[]): { down: boolean; help: boolean } {
  const values = parseCliOptions(argv, { down: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  return { down: values.down ?? false, help: values.help ?? false };
}

async function main(argv: readonly string[]): Promise<void> {
  const options = readOptions(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = { database: loadDatabaseTarget() };
  const target = config.database.kind === 'sqlite' ? `sqlite:${config.database.path}` : redactUrl(config.database.url);
  const handle = await openDatabase(config.database);
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

main(process.argv.slice(2)).catch((error: unknown) => {
  const expected = error instanceof UsageError || error instanceof ConfigError || error instanceof DatabaseOpenError;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  const prefix = expected || !(error instanceof Error) ? '' : `${error.name}: `;
  process.stderr.write(`${NAME}: ${prefix}${firstLine}\n`);
  process.exitCode = 1;
});
