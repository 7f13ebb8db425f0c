import type { Kysely } from 'kysely';

// Survey-form uploads (docs/product.md §4): each dry run is kept, parsed and checked, so that
// applying it writes exactly what the uploader saw, once, within 24 hours. The planned reports,
// errors and conflicts are JSON text (the same in both dialects).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('ministry', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .addColumn('errors_json', 'text', (c) => c.notNull())
    .addColumn('conflicts_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema.createIndex('imports_uploader_idx').on('imports').columns(['uploader_user_id', 'created_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('imports').execute();
}
