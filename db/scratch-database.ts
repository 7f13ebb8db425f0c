import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from './connection';
import type { DatabaseHandle, DatabaseTarget } from './connection';

// A throw-away PostgreSQL database on a given server, for tests and benchmarks: created under a
// unique name and dropped afterwards, so nothing relies on, or leaves behind, shared state.

export interface ScratchDatabase extends DatabaseHandle {
  /** Where it is: a second connection (another server process) opens the same database. */
  target: DatabaseTarget;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export async function createScratchPostgres(serverUrl: string, prefix = 'mt_scratch'): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.toString() };
  const handle = await openDatabase(target);
  return {
    ...handle,
    target,
    async drop() {
      await handle.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
