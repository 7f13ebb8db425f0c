import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { appendOnlyTriggerStatements, dialectOf, dropAppendOnlyTriggerStatements, withIdColumn } from '../dialect';

// Frozen. The meeting pack (docs/product.md §4 "The meeting pack"): every reschedule of a milestone
// in an append-only revision log (the first due date is the baseline), the meetings executives hold,
// and the editions frozen for them — what was presented, stored as it was and never changed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  // One row per reschedule: the due date before and after, and when it was recorded. The due date
  // as known at an instant is the `previous_due_date` of the first revision after it, or the
  // current due date when there is none (docs/decisions/012-due-date-history.md).
  await withIdColumn(db.schema.createTable('milestone_revisions'), dialect)
    .addColumn('milestone_id', 'integer', (c) => c.notNull().references('milestones.id'))
    .addColumn('previous_due_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor_email', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addCheckConstraint('milestone_revisions_moves', sql`due_date <> previous_due_date`)
    .execute();
  await db.schema
    .createIndex('milestone_revisions_milestone_idx')
    .on('milestone_revisions')
    .columns(['milestone_id', 'recorded_at'])
    .execute();
  await db.schema.createIndex('milestone_revisions_time_idx').on('milestone_revisions').columns(['recorded_at']).execute();
  // Milestones moved before the log existed: one revision from the baseline to the current due
  // date, recorded when the milestone was last changed (the best instant the database knows).
  await sql`
    INSERT INTO milestone_revisions (milestone_id, previous_due_date, due_date, recorded_at, actor_email, reason)
    SELECT id, baseline_due_date, due_date, updated_at, '', 'recorded before the revision log'
    FROM milestones WHERE due_date <> baseline_due_date`.execute(db);

  // Meetings are reference data configured like deadlines.
  await withIdColumn(db.schema.createTable('meetings'), dialect)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // An edition: what was presented at a meeting, as of an instant under a filter. Its views hold
  // the responses exactly as the live statistics gave them then; both tables refuse UPDATE and DELETE.
  await withIdColumn(db.schema.createTable('editions'), dialect)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('as_of_instant', 'text', (c) => c.notNull())
    .addColumn('deadline_code', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('filters_json', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('editions_meeting_idx').on('editions').columns(['meeting_id', 'as_of_instant']).execute();
  await db.schema
    .createTable('edition_views')
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('edition_views_pk', ['edition_id', 'view'])
    .execute();

  for (const table of APPEND_ONLY) {
    for (const statement of appendOnlyTriggerStatements(dialect, table)) await statement.execute(db);
  }
}

const APPEND_ONLY = ['milestone_revisions', 'editions', 'edition_views'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  for (const table of APPEND_ONLY) {
    for (const statement of dropAppendOnlyTriggerStatements(dialect, table)) await statement.execute(db);
  }
  for (const table of ['edition_views', 'editions', 'meetings', 'milestone_revisions'])
    await db.schema.dropTable(table).execute();
}
