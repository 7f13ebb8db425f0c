import { restoreDatabase } from './backup';
import type { RestoreSummary } from './backup';
import { UsageError, parseCliOptions } from './cli/cli-args';
import { runCli } from './cli/run-cli';
import { describeDatabaseTarget, loadDatabaseTarget } from './database-url';
import { processEnvironment } from './environment';

// `npm run db:restore -- --from FILE`: a backup of npm run db:backup into an empty database, checked
// before it says so (docs/decisions/021-backups-and-restore.md).

const USAGE = `Usage: npm run db:restore -- --from FILE

Restores FILE, written by npm run db:backup, into DATABASE_URL (unset → data/tracker.db, sqlite:PATH,
postgres://…). The target must be empty: a SQLite file that does not exist or has no tables, a
PostgreSQL database with no tables in its public schema; anything else is refused. A SQLite backup
restores only into SQLite, a PostgreSQL one (pg_restore must be installed) only into PostgreSQL.
Stop the server first, or point it at the restored database only once this has finished.

Options:
  --from FILE  the backup to restore
  --help       show this help`;

interface Args {
  from: string;
}

function parse(argv: readonly string[]): Args | { help: true } {
  const values = parseCliOptions(argv, { from: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return { help: true };
  if (!values.from?.trim()) throw new UsageError('--from FILE is required (see --help)');
  return { from: values.from };
}

function describeRestore(summary: RestoreSummary, target: string): string {
  const tables = Object.keys(summary.rowCounts).length;
  const latest = summary.migrations.at(-1) ?? 'none';
  const pending =
    summary.pendingMigrations.length === 0
      ? 'the schema is up to date'
      : `${summary.pendingMigrations.length} pending in this version (npm run db:migrate, or the server at its start, applies them)`;
  return [
    `Restored ${summary.file} into ${target} (${Math.round(summary.elapsedMs)} ms).`,
    `Contents: ${tables} tables, ${summary.rowCounts.measures ?? 0} measures, ${summary.rowCounts.status_reports ?? 0} status reports.`,
    `Integrity check: ${summary.integrity}.`,
    `Migrations: ${summary.migrations.length} applied as in the backup, latest ${latest}; ${pending}.`,
  ].join('\n');
}

async function run(args: Args): Promise<void> {
  const database = loadDatabaseTarget();
  const summary = await restoreDatabase(database, { from: args.from, env: processEnvironment() });
  process.stdout.write(`${describeRestore(summary, describeDatabaseTarget(database))}\n`);
}

void runCli({ name: 'db:restore', usage: USAGE, parse, run });
