import { serve } from '@hono/node-server';
import { DatabaseOpenError, openDatabase } from '../db/connection';
import type { DatabaseHandle } from '../db/connection';
import { ConfigError } from '../db/database-url';
import { migrateToLatest } from '../db/migrate';
import { ensureTaxonomy } from '../db/reference-data';
import { createApp } from './app';
import { loadConfig } from './config';

// The server of `npm start`: configure, open and migrate the database, write the reference data,
// then serve the API and the built client on one port. The sample data is not the server's business:
// `npm start` seeds an empty database first (seeds/cli-seed.ts --if-empty), so server/ never imports seeds/.

function fail(message: string): never {
  process.stderr.write(`measure-tracker: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let handle: DatabaseHandle | undefined;
  try {
    const config = loadConfig();
    handle = await openDatabase(config.database);
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
    await ensureTaxonomy(handle.db);

    const app = createApp({
      db: handle.db,
      dialect: handle.dialect,
      clientDir: config.clientDir,
      auth: config.auth,
      log: config.logRequests ? (entry) => console.log(JSON.stringify(entry)) : undefined,
    });
    const db = handle;
    const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
      console.log(`Measure Tracker on http://localhost:${info.port} (API at /api/v1, database: ${db.dialect})`);
    });
    server.on('error', (error: NodeJS.ErrnoException) => {
      void db.close();
      fail(error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : error.message);
    });
    const stop = () => {
      server.close(() => {
        void db.close().finally(() => process.exit(0));
      });
      setTimeout(() => process.exit(0), 5000).unref();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (error instanceof ConfigError || error instanceof DatabaseOpenError) fail(error.message);
    fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

void main();
