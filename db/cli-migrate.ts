import { parseArgs } from 'node:util';
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

class UsageError extends Error {
  override name = 'UsageError';
}

function readOptions(argv: readonly string[]): { down: boolean; help: boolean } {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { down: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    return { down: values.down ?? false, help: values.help ?? false };
  } catch (error) {
    // parseArgs explains unknown options at length; the option's name is what the operator needs.
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `unknown option ${unknown[1]} (see --help)` : `${message.split('. ')[0]} (see --help)`);
  }
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
