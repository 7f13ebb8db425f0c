import type { SqliteDatabase, SqliteStatement } from 'kysely';

// Kysely's SQLite driver prepares every query anew; preparing costs about as much as running a
// small query (a read of the data-version counter on every request, docs/decisions/019-data-version-cache.md).
// This keeps the prepared statements of the most recent SQL texts and hands one out again when it
// is idle. A statement still being iterated (a streamed export) is busy: a new one is prepared
// beside it rather than sharing it. JavaScript runs one thing at a time and the driver calls
// `prepare` and then runs the statement without yielding, so an idle statement cannot be taken
// by two queries at once.

interface PreparingDatabase {
  prepare(sql: string): SqliteStatement & { readonly busy: boolean };
  close(): void;
}

export function withStatementCache(sqlite: PreparingDatabase, capacity = 256): SqliteDatabase {
  const statements = new Map<string, SqliteStatement & { readonly busy: boolean }>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last: the oldest go first.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      statements.delete(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}
