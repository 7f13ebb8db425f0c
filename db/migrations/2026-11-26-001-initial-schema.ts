import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { appendOnlyTriggerStatements, dialectOf, dropAppendOnlyTriggerStatements, withIdColumn } from '../dialect';

// Frozen: never edit a migration that has shipped; add a new one instead.

const TAXONOMY_TABLES = ['fields', 'ministries', 'pillars', 'instruments'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  for (const table of TAXONOMY_TABLES) {
    await withIdColumn(db.schema.createTable(table), dialect)
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name_ja', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }

  await withIdColumn(db.schema.createTable('deadlines'), dialect)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withIdColumn(db.schema.createTable('measures'), dialect)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('summary_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lead_ministry_id', 'integer', (c) => c.notNull().references('ministries.id'))
    .addColumn('pillar_id', 'integer', (c) => c.notNull().references('pillars.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['not_started', 'planning', 'in_progress', 'completed', 'suspended'])),
    )
    .addColumn('health', 'text', (c) => c.check(sqlIn('health', ['on_track', 'at_risk', 'off_track'])))
    .addColumn('start_date', 'text')
    .addColumn('target_date', 'text')
    .addColumn('budget_yen', 'bigint')
    .addColumn('budget_fiscal_year', 'integer')
    .addColumn('owner_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kpi_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kpi_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reporting_cycle_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('last_reported_at', 'text')
    .addColumn('report_due_at', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('measure_fields')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields.id'))
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('measure_fields_pk', ['measure_id', 'field_id'])
    .execute();

  await db.schema
    .createTable('measure_ministries')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('ministry_id', 'integer', (c) => c.notNull().references('ministries.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['lead', 'co'])))
    .addPrimaryKeyConstraint('measure_ministries_pk', ['measure_id', 'ministry_id'])
    .execute();

  await db.schema
    .createTable('measure_instruments')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('instrument_id', 'integer', (c) => c.notNull().references('instruments.id'))
    .addPrimaryKeyConstraint('measure_instruments_pk', ['measure_id', 'instrument_id'])
    .execute();

  await withIdColumn(db.schema.createTable('milestones'), dialect)
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('baseline_due_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull().defaultTo(1).check(sqlPositive('weight')))
    .addColumn('completed_date', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(db.schema.createTable('status_reports'), dialect)
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id'))
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reporter', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['not_started', 'planning', 'in_progress', 'completed', 'suspended'])),
    )
    .addColumn('health', 'text', (c) => c.notNull().check(sqlIn('health', ['on_track', 'at_risk', 'off_track'])))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_url', 'text')
    .addColumn('next_report_due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_milestones')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('status_reports.id'))
    .addColumn('milestone_id', 'integer', (c) => c.notNull().references('milestones.id'))
    .addColumn('completed_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_milestones_pk', ['report_id', 'milestone_id'])
    .execute();

  // Marks one-off data loads (the sample data set); its primary key makes seeding race-free when
  // several processes start on an empty database at once.
  await db.schema
    .createTable('seed_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('reference_date', 'text', (c) => c.notNull())
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .execute();

  // One index per filter and per aggregation path (docs/product.md §3, §4).
  const indexes: [string, string, string[]][] = [
    ['measures_status_idx', 'measures', ['status']],
    ['measures_health_idx', 'measures', ['health']],
    ['measures_pillar_idx', 'measures', ['pillar_id']],
    ['measures_lead_ministry_idx', 'measures', ['lead_ministry_id']],
    ['measures_target_date_idx', 'measures', ['target_date']],
    ['measures_updated_at_idx', 'measures', ['updated_at']],
    ['measures_report_due_idx', 'measures', ['report_due_at']],
    ['measure_fields_field_idx', 'measure_fields', ['field_id', 'measure_id']],
    ['measure_ministries_ministry_idx', 'measure_ministries', ['ministry_id', 'measure_id']],
    ['measure_instruments_instrument_idx', 'measure_instruments', ['instrument_id', 'measure_id']],
    ['milestones_measure_idx', 'milestones', ['measure_id', 'due_date']],
    ['milestones_due_idx', 'milestones', ['due_date']],
    ['milestones_completed_idx', 'milestones', ['completed_date']],
    ['status_reports_measure_idx', 'status_reports', ['measure_id', 'reported_at']],
    ['status_reports_reported_at_idx', 'status_reports', ['reported_at']],
    ['report_milestones_milestone_idx', 'report_milestones', ['milestone_id']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }

  // The report log is history: nothing in it is ever updated or deleted (docs/product.md §2).
  for (const table of ['status_reports', 'report_milestones']) {
    for (const statement of appendOnlyTriggerStatements(dialect, table)) {
      await statement.execute(db);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  for (const table of ['status_reports', 'report_milestones']) {
    for (const statement of dropAppendOnlyTriggerStatements(dialect, table)) {
      await statement.execute(db);
    }
  }
  const tables = [
    'report_milestones',
    'status_reports',
    'milestones',
    'measure_instruments',
    'measure_ministries',
    'measure_fields',
    'measures',
    'deadlines',
    'seed_runs',
    ...TAXONOMY_TABLES,
  ];
  for (const table of tables) {
    await db.schema.dropTable(table).execute();
  }
}

function sqlIn(column: string, values: readonly string[]) {
  return sqlRaw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}

function sqlPositive(column: string) {
  return sqlRaw(`${column} > 0`);
}

function sqlRaw(text: string) {
  return sql.raw(text);
}
