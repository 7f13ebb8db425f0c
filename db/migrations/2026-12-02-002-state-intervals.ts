import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf, dropStateIntervalTriggerStatements, stateIntervalTriggerStatements, withoutRowId } from '../dialect';

// Frozen. The report state as a range per measure (docs/decisions/018-state-as-of-by-range.md): one
// row per status report, valid from its reported_at until the next report of the same measure (in
// the log's order, reported_at then id), so that the state as of a past instant is the one row whose
// range holds it, read beside the measure in one index seek, instead of a latest-report look-up
// followed by a read of the wide report row. A trigger keeps it in the inserting transaction, so
// every writer of the report log (API, imports, seeds, tests) maintains it alike.

/** The end of the range of a measure's latest report: later than any instant the app writes. */
export const OPEN_END = '9999-12-31T23:59:59.999Z';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  // Keyed for the as-of join (measure, then the range's end): the first row whose range ends after
  // the instant is the only one that can hold it, and every column the statistics read is in the key's
  // row (WITHOUT ROWID in SQLite, so the table is the index).
  await withoutRowId(
    db.schema
      .createTable('report_state_intervals')
      .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
      .addColumn('valid_to', 'text', (c) => c.notNull())
      .addColumn('report_id', 'integer', (c) => c.notNull().references('status_reports.id'))
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('health', 'text', (c) => c.notNull())
      .addColumn('next_report_due_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_state_intervals_pk', ['measure_id', 'valid_to', 'report_id']),
    dialect,
  ).execute();
  await db.schema
    .createIndex('report_state_intervals_report_idx')
    .on('report_state_intervals')
    .unique()
    .column('report_id')
    .execute();
  // Backfill: each report's range ends where the next one of its measure starts.
  await sql`
    INSERT INTO report_state_intervals (measure_id, valid_to, report_id, valid_from, status, health, next_report_due_at)
    SELECT measure_id,
           COALESCE(LEAD(reported_at) OVER (PARTITION BY measure_id ORDER BY reported_at, id), ${OPEN_END}),
           id, reported_at, status, health, next_report_due_at
    FROM status_reports`.execute(db);
  for (const statement of stateIntervalTriggerStatements(dialect, OPEN_END)) await statement.execute(db);

  // The summary also reads each milestone's verification and, as of a past day, its creation.
  await db.schema.dropIndex('milestones_measure_cover_idx').execute();
  await db.schema
    .createIndex('milestones_measure_cover_idx')
    .on('milestones')
    .columns(['measure_id', 'due_date', 'completed_date', 'weight', 'verified_at', 'created_at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema.dropIndex('milestones_measure_cover_idx').execute();
  await db.schema
    .createIndex('milestones_measure_cover_idx')
    .on('milestones')
    .columns(['measure_id', 'due_date', 'completed_date', 'weight'])
    .execute();
  for (const statement of dropStateIntervalTriggerStatements(dialect)) await statement.execute(db);
  await db.schema.dropTable('report_state_intervals').execute();
}
