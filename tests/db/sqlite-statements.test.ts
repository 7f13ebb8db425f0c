import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

// db/sqlite-statements.ts hands a prepared statement out again only when it is idle: the same SQL
// streamed, abandoned mid-way and queried again gives every row each time.

describe('the SQLite statement cache', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite', { migrate: false });
    await sql`CREATE TABLE numbers (n INTEGER)`.execute(database.db);
    await sql`WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 500) INSERT INTO numbers SELECT n FROM c`.execute(
      database.db,
    );
  });
  afterAll(async () => {
    await database?.drop();
  });

  const numbers = () => database.db.withTables<{ numbers: { n: number } }>();
  const query = () => numbers().selectFrom('numbers').select('n').where('n', '>', 0).orderBy('n');

  it('runs a query again after a stream of the same SQL, finished or abandoned', async () => {
    const all = Array.from({ length: 500 }, (_, i) => i + 1);
    const streamed: number[] = [];
    for await (const row of query().stream(10)) streamed.push(row.n);
    expect(streamed).toEqual(all);
    // A download the client abandons after its first rows.
    for await (const row of query().stream(10)) if (row.n === 3) break;
    expect((await query().execute()).map((r) => r.n)).toEqual(all);
    const again: number[] = [];
    for await (const row of query().stream(7)) again.push(row.n);
    expect(again).toEqual(all);
  });

  it('answers the same query again after the data changed', async () => {
    expect(await query().execute()).toHaveLength(500);
    await sql`DELETE FROM numbers WHERE n > 250`.execute(database.db);
    expect(await query().execute()).toHaveLength(250);
  });
});
