import { backupDatabase } from './backup';
import type { BackupSummary } from './backup';
import { UsageError, parseCliOptions } from './cli/cli-args';
import { runCli } from './cli/run-cli';
import { describeDatabaseTarget, loadDatabaseTarget } from './database-url';
import { processEnvironment } from './environment';

// `npm run db:backup -- --out FILE`: one consistent snapshot of DATABASE_URL while the server keeps
// serving and writing (docs/decisions/021-backups-and-restore.md).

const USAGE = `Usage: npm run db:backup -- --out FILE [--force]

Writes a consistent backup of DATABASE_URL (unset → data/tracker.db, sqlite:PATH, postgres://…) to FILE,
while the server keeps running: SQLite through its online backup API (FILE is a SQLite database),
PostgreSQL through pg_dump's custom format (FILE is a pg_dump archive; pg_dump must be installed, of
the server's major version or newer). Restore it with npm run db:restore -- --from FILE.

Options:
  --out FILE   where to write the backup (refused if FILE exists)
  --force      overwrite FILE if it exists
  --help       show this help`;

interface Args {
  out: string;
  force: boolean;
}

function parse(argv: readonly string[]): Args | { help: true } {
  const values = parseCliOptions(argv, {
    out: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { help: true };
  if (!values.out?.trim()) throw new UsageError('--out FILE is required (see --help)');
  return { out: values.out, force: values.force ?? false };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function describeBackup(summary: BackupSummary, target: string): string {
  const tables = Object.keys(summary.rowCounts).length;
  const latest = summary.migrations.at(-1) ?? 'none';
  return [
    `Backed up ${target} to ${summary.file} (${formatBytes(summary.bytes)}, ${Math.round(summary.elapsedMs)} ms).`,
    `Snapshot: every write committed before ${summary.snapshotAt} is in it.`,
    `Contents: ${tables} tables, ${summary.rowCounts.measures ?? 0} measures, ${summary.rowCounts.status_reports ?? 0} status reports.`,
    `Migrations: ${summary.migrations.length} applied, latest ${latest}.`,
  ].join('\n');
}

async function run(args: Args): Promise<void> {
  const database = loadDatabaseTarget();
  const summary = await backupDatabase(database, { out: args.out, force: args.force, env: processEnvironment() });
  process.stdout.write(`${describeBackup(summary, describeDatabaseTarget(database))}\n`);
}

void runCli({ name: 'db:backup', usage: USAGE, parse, run });
