import type { Kysely } from 'kysely';
import { dataVersionTriggerStatements, dialectOf, dropDataVersionTriggerStatements, withIdColumn } from '../dialect';

// Frozen. Retiring a measure (廃止) instead of deleting it (docs/decisions/024-withdrawing-measures.md):
// each withdrawal is a period from the day it took effect (`withdrawn_on`, a JST calendar date) to the
// day it was restored (`restored_on`, NULL while it stands), with who did each and why. A measure is
// out of the default lists and figures as of any day a period holds; `measures.withdrawn_on` repeats
// the open period's date so that today's filter reads a column of the measure row. Nothing is deleted.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await withIdColumn(db.schema.createTable('measure_withdrawals'), dialect)
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('withdrawn_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('restored_on', 'text')
    .addColumn('restore_reason', 'text')
    .addColumn('restored_at', 'text')
    .addColumn('restored_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('measure_withdrawals_measure_idx')
    .on('measure_withdrawals')
    .columns(['measure_id', 'withdrawn_on'])
    .execute();
  await db.schema.alterTable('measures').addColumn('withdrawn_on', 'text').execute();
  for (const statement of dataVersionTriggerStatements(dialect, 'measure_withdrawals', false)) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of dropDataVersionTriggerStatements(dialectOf(db), 'measure_withdrawals')) await statement.execute(db);
  await db.schema.alterTable('measures').dropColumn('withdrawn_on').execute();
  await db.schema.dropTable('measure_withdrawals').execute();
}
