import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection';
import { parseDatabaseUrl } from '../db/database-url';
import { createApp } from '../server/app';

// The server of `npm run bench -- --http`, in its own process so that the load generator does not
// share its event loop: the app over the bench's database, served by node http as server/main.ts
// does, and on a second port a bare Hono JSON route, the ceiling of what this stack can answer, and
// the process's memory (issue 11: RSS under load), so that the load reports it after each call.

const { values: args } = parseArgs({
  options: { db: { type: 'string' }, port: { type: 'string' }, 'ceiling-port': { type: 'string' } },
});

async function main() {
  const handle = await openDatabase(parseDatabaseUrl(args.db));
  const app = createApp({ db: handle.db, dialect: handle.dialect });
  const ceiling = new Hono()
    .get('/ceiling', (c) => c.json({ ok: true, measures: 0 }, 200))
    // `?gc=1` collects first (the server runs with --expose-gc): what is still reachable, against
    // what the heap merely has not collected or returned yet.
    .get('/memory', (c) => {
      if (c.req.query('gc') === '1') globalThis.gc?.();
      return c.json(process.memoryUsage(), 200);
    });
  let listening = 0;
  const ready = () => {
    listening += 1;
    if (listening === 2) process.stdout.write('ready\n');
  };
  const servers = [
    serve({ fetch: app.fetch, port: Number(args.port), hostname: '127.0.0.1' }, ready),
    serve({ fetch: ceiling.fetch, port: Number(args['ceiling-port']), hostname: '127.0.0.1' }, ready),
  ];
  process.on('SIGTERM', () => {
    for (const s of servers) s.close();
    void handle.close().finally(() => process.exit(0));
  });
}

void main();
