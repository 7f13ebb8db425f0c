import type { Kysely } from 'kysely';
import { isIsoDate, jstDateOf } from '../common/calendar';
import { UsageError, parseCliOptions } from '../db/cli/cli-args';
import { runCli } from '../db/cli/run-cli';
import { openDatabase } from '../db/connection';
import { describeDatabaseTarget, loadDatabaseTarget } from '../db/database-url';
import { migrateToLatest } from '../db/migrate';
import { ensureTaxonomy } from '../db/reference-data';
import type { Database } from '../db/schema';
import { loadTaxonomyIds, writeMeasures } from './measure-writer';
import type { SeedMeasure } from './seed-types';
import { SYNTHETIC_MIN_REFERENCE_DATE, generateSyntheticMeasures } from './synthetic/generate-synthetic';
import { SYNTHETIC_MAX_NUMBER, syntheticNumberOf } from './synthetic/synthetic-codes';

// `npm run db:seed`: migrates, writes the reference data, then seeds either the illustrative sample
// data (when the database has no measures) or, with --synthetic, any number of generated measures for
// scale testing. `npm start` runs it with --if-empty before the server, which seeds nothing itself.

const DEFAULT_MEASURES = 10_000;
const BATCH_SIZE = 500;

const USAGE = `Usage: npm run db:seed -- [options]

Without options, seeds the illustrative sample data if the database holds no measures.

Options:
  --if-empty               report only what it changed (npm start runs this before the server)
  --synthetic              write generated measures for scale testing instead
  --measures N             how many synthetic measures (default ${DEFAULT_MEASURES.toLocaleString('en-US')})
  --seed N                 seed of the synthetic generator (default 1); same seed, same data
  --append                 add synthetic measures numbered after the highest existing one
  --reference-date DATE    "today" for the generated history, YYYY-MM-DD (default: today in Japan)
  --help                   show this help

The database is DATABASE_URL: unset → data/tracker.db, sqlite:PATH, or postgres://…`;

interface SeedArgs {
  help: boolean;
  ifEmpty: boolean;
  synthetic: boolean;
  append: boolean;
  measures: number;
  seed: number;
  referenceDate: string;
}

function wholeNumber(
  option: string,
  raw: string | undefined,
  fallback: number,
  { min, max }: { min: number; max: number },
): number {
  if (raw === undefined) return fallback;
  const value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${option} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got "${raw}"`,
    );
  }
  return value;
}

function readOptions(argv: readonly string[]) {
  return parseCliOptions(argv, {
    help: { type: 'boolean', short: 'h' },
    'if-empty': { type: 'boolean' },
    synthetic: { type: 'boolean' },
    append: { type: 'boolean' },
    measures: { type: 'string' },
    seed: { type: 'string' },
    'reference-date': { type: 'string' },
  });
}

function parseSeedArgs(argv: readonly string[], today: string): SeedArgs {
  const values = readOptions(argv);
  const synthetic = values.synthetic ?? false;
  if (!synthetic) {
    const only = (['measures', 'seed', 'append'] as const).find((option) => values[option] !== undefined);
    if (only) throw new UsageError(`--${only} applies only with --synthetic`);
  } else if (values['if-empty']) {
    throw new UsageError('--if-empty applies only to the sample data, not with --synthetic');
  }
  const referenceDate = values['reference-date']?.trim() ?? today;
  if (!isIsoDate(referenceDate)) throw new UsageError(`--reference-date must be a date as YYYY-MM-DD, got "${referenceDate}"`);
  if (synthetic && referenceDate < SYNTHETIC_MIN_REFERENCE_DATE) {
    throw new UsageError(`--reference-date must be ${SYNTHETIC_MIN_REFERENCE_DATE} or later for synthetic data`);
  }
  return {
    help: values.help ?? false,
    ifEmpty: values['if-empty'] ?? false,
    synthetic,
    append: values.append ?? false,
    measures: wholeNumber('measures', values.measures, DEFAULT_MEASURES, { min: 1, max: SYNTHETIC_MAX_NUMBER }),
    seed: wholeNumber('seed', values.seed, 1, { min: 0, max: 2 ** 32 - 1 }),
    referenceDate,
  };
}

const count = (n: number): string => n.toLocaleString('en-US');

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

interface Progress {
  update(done: number): void;
  /** Ends the display: the bar's line is finished so later output starts on a fresh line. */
  end(): void;
}

/** A redrawn bar on a terminal; a line every few seconds in a log, where carriage returns make a mess. */
function createProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const started = performance.now();
  const tty = stream.isTTY === true;
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let drawn = false;
  const line = (done: number): string => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? formatDuration((total - done) / rate) : '?';
    const share = total > 0 ? done / total : 1;
    const stats = `${count(done)}/${count(total)} measures · ${count(Math.round(rate))}/s · ETA ${eta}`;
    if (!tty) return `${Math.floor(share * 100)}% ${stats}`;
    const width = 30;
    const filled = Math.round(share * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${stats}`;
  };
  return {
    update(done) {
      const now = performance.now();
      const finished = done >= total;
      if (tty) {
        if (!finished && now - lastDrawn < 100) return;
        drawn = true;
        stream.write(`\r\x1b[K${line(done)}`);
      } else {
        // The first line comes after a while, not at 0%: short runs and early failures stay quiet.
        if (lastDrawn < 0) lastDrawn = now;
        if (finished ? !drawn : now - lastDrawn < 2000) return;
        stream.write(`${line(done)}\n`);
        drawn = true;
      }
      lastDrawn = now;
    },
    end() {
      if (tty && drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** The highest number among existing synthetic codes (0 when there are none), and how many there are. */
async function existingSynthetic(db: Kysely<Database>): Promise<{ highest: number; highestCode: string | null; count: number }> {
  // LIKE narrows the scan to candidate codes; the pattern check rejects anything else that happens to match.
  const rows = await db.selectFrom('measures').select('code').where('code', 'like', '%-S______').execute();
  let highest = 0;
  let highestCode: string | null = null;
  let found = 0;
  for (const { code } of rows) {
    const number = syntheticNumberOf(code);
    if (number === null) continue;
    found++;
    if (number > highest) {
      highest = number;
      highestCode = code;
    }
  }
  return { highest, highestCode, count: found };
}

async function seedSynthetic(db: Kysely<Database>, args: SeedArgs): Promise<void> {
  const existing = await existingSynthetic(db);
  if (existing.count > 0 && !args.append) {
    throw new UsageError(
      `${count(existing.count)} synthetic measures already exist (highest ${existing.highestCode ?? '?'}); add --append to continue after them`,
    );
  }
  const firstNumber = existing.highest + 1;
  const lastNumber = firstNumber + args.measures - 1;
  if (lastNumber > SYNTHETIC_MAX_NUMBER) {
    throw new UsageError(
      `synthetic codes end at S${SYNTHETIC_MAX_NUMBER}; there is room for ${count(SYNTHETIC_MAX_NUMBER - existing.highest)} more`,
    );
  }

  const ids = await loadTaxonomyIds(db);
  const progress = createProgress(args.measures, process.stderr);
  const started = performance.now();
  let written = 0;
  let milestones = 0;
  let reports = 0;
  let batch: SeedMeasure[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    // One transaction per batch: a crash loses at most one batch, and no transaction grows huge.
    await db.transaction().execute((trx) => writeMeasures(trx, rows, ids));
    written += rows.length;
    progress.update(written);
  };
  try {
    progress.update(0);
    for (const measure of generateSyntheticMeasures({
      count: args.measures,
      seed: args.seed,
      referenceDate: args.referenceDate,
      firstNumber,
    })) {
      milestones += measure.milestones.length;
      reports += measure.reports.length;
      batch.push(measure);
      if (batch.length >= BATCH_SIZE) await flush();
    }
    await flush();
  } finally {
    progress.end();
  }
  const seconds = (performance.now() - started) / 1000;
  const range = `S${String(firstNumber).padStart(6, '0')}–S${String(lastNumber).padStart(6, '0')}`;
  process.stdout.write(
    `Seeded ${count(written)} synthetic measures (${range}, seed ${args.seed}, reference date ${args.referenceDate}): ` +
      `${count(milestones)} milestones, ${count(reports)} reports in ${seconds.toFixed(1)} s.\n`,
  );
}

async function seedSample(db: Kysely<Database>, args: SeedArgs): Promise<void> {
  // Loaded only here: synthetic runs have no use for the sample catalogue.
  const { seedSampleIfEmpty } = await import('./seed-sample');
  const result = await seedSampleIfEmpty(db, { referenceDate: args.referenceDate });
  if (!result.seeded) {
    if (!args.ifEmpty)
      process.stdout.write('The database already holds measures (or was seeded before); sample data left as it is.\n');
  } else if (args.ifEmpty) {
    // What `npm start` has always said on a first start: the demo accounts must not survive into real use.
    process.stdout.write(
      `Seeded the illustrative sample data: ${count(result.measures)} measures, ${result.demoUsers ?? 0} demo accounts ` +
        '(documented password: change or remove them before real use, see README "Demo accounts")\n',
    );
  } else {
    process.stdout.write(
      `Seeded the illustrative sample data: ${count(result.measures)} measures (reference date ${args.referenceDate}) ` +
        `and ${result.demoUsers ?? 0} demo accounts (documented password: see README "Demo accounts").\n`,
    );
  }
}

async function run(args: SeedArgs): Promise<void> {
  const database = loadDatabaseTarget();
  const handle = await openDatabase(database);
  try {
    if (!args.ifEmpty) process.stdout.write(`Database: ${describeDatabaseTarget(database)}\n`);
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) process.stdout.write(`Applied migrations: ${applied.join(', ')}\n`);
    await ensureTaxonomy(handle.db);
    if (args.synthetic) await seedSynthetic(handle.db, args);
    else await seedSample(handle.db, args);
  } finally {
    await handle.close();
  }
}

void runCli({ name: 'db:seed', usage: USAGE, parse: (argv) => parseSeedArgs(argv, jstDateOf(new Date())), run });
