import type { Kysely } from 'kysely';

// Frozen. Covering indexes for the dashboard's aggregations (measured by `npm run bench`): the
// state counts read only (status, health, report_due_at) and the milestone groupings only
// (measure_id, due_date, completed_date, weight), so neither has to read the wide table rows.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('measures_state_idx')
    .on('measures')
    .columns(['status', 'health', 'report_due_at', 'pillar_id'])
    .execute();
  await db.schema.dropIndex('milestones_measure_idx').execute();
  await db.schema
    .createIndex('milestones_measure_cover_idx')
    .on('milestones')
    .columns(['measure_id', 'due_date', 'completed_date', 'weight'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('milestones_measure_cover_idx').execute();
  await db.schema.createIndex('milestones_measure_idx').on('milestones').columns(['measure_id', 'due_date']).execute();
  await db.schema.dropIndex('measures_state_idx').execute();
}
