import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, peakRssMbOf, rssMbOf } from './start-up';

// `npm run bench -- --http`: the dashboard's calls under load (docs/decisions/016-benchmark-load-tool.md).
// The server runs in a child process (bench/http-server.ts); autocannon runs here, on the same
// machine, so on 2 cores the two share the CPU: read the ratio to the bare-Hono ceiling measured in
// the same run as well as the absolute requests per second.

export interface HttpOptions {
  databaseUrl: string | null;
  root: string;
  today: string;
  past: string;
  durationS: number;
  connections: number;
  only?: RegExp;
}

export interface HttpRow {
  name: string;
  path: string;
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  met: boolean;
  overCeiling: number;
}

const TARGET_RPS = 5000;

function dashboardCalls(o: HttpOptions): [string, string][] {
  return [
    ['meta', '/api/v1/meta'],
    ['summary', '/api/v1/stats/summary'],
    ['summary asOf', `/api/v1/stats/summary?asOf=${o.past}`],
    ['by-field', '/api/v1/stats/by-field'],
    ['by-ministry', '/api/v1/stats/by-ministry'],
    ['heatmap', '/api/v1/stats/heatmap'],
    ['burnup', '/api/v1/stats/burnup'],
    ['kpi', '/api/v1/stats/kpi'],
    ['slippage by=field', '/api/v1/stats/slippage?by=field'],
    ['matrix field×instrument', '/api/v1/stats/matrix?rows=field&cols=instrument'],
    ['changes', `/api/v1/changes?from=${o.past}&to=${o.today}`],
    ['list page 1', '/api/v1/measures?pageSize=50'],
  ];
}

/**
 * Waits until the server answers its health check quickly twice running: the requests still queued
 * in it when autocannon stops go on being answered, and the next call's run must not start behind
 * them (it then answered none in its window).
 */
async function untilIdle(healthUrl: string): Promise<void> {
  const deadline = performance.now() + 120_000;
  let quick = 0;
  while (quick < 2 && performance.now() < deadline) {
    const start = performance.now();
    const res = await fetch(healthUrl);
    await res.arrayBuffer();
    quick = performance.now() - start < 25 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function load(url: string, o: HttpOptions) {
  const result = await autocannon({ url, connections: o.connections, duration: o.durationS });
  await untilIdle(new URL('/api/v1/health', url).toString());
  return {
    requestsPerSecond: Math.round(result.requests.average),
    answered: result.requests.total,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export async function benchHttp(o: HttpOptions): Promise<{ ceiling: unknown; rows: HttpRow[]; rssMb: number | null } | null> {
  if (!o.databaseUrl) return null;
  const [port, ceilingPort] = [await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(o.root, 'bench/http-server.ts'),
      '--db',
      o.databaseUrl,
      '--port',
      String(port),
      '--ceiling-port',
      String(ceilingPort),
    ],
    { cwd: o.root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`bench/http-server.ts exited (${code})`)));
    });
    console.log(`${o.connections} connections, ${o.durationS} s per call, warm (no writes); target ≥ ${TARGET_RPS} req/s`);
    const ceiling = await load(`http://127.0.0.1:${ceilingPort}/ceiling`, o);
    console.log(
      `${'call'.padEnd(28)}${'req/s'.padStart(9)}${'p99 ms'.padStart(9)}${'target'.padStart(10)}${'/ceiling'.padStart(10)}`,
    );
    console.log(
      `${'bare Hono JSON (ceiling)'.padEnd(28)}${String(ceiling.requestsPerSecond).padStart(9)}${String(ceiling.p99Ms).padStart(9)}`,
    );
    const rows: HttpRow[] = [];
    for (const [name, path] of dashboardCalls(o).filter(([name]) => !o.only || o.only.test(name))) {
      const url = `http://127.0.0.1:${port}${path}`;
      const check = await fetch(url).catch((error: unknown) => {
        throw new Error(`GET ${path} failed: ${String(error instanceof Error ? (error.cause ?? error) : error)}`);
      });
      await check.arrayBuffer();
      if (check.status !== 200) throw new Error(`${path} → ${check.status}`);
      const r = await load(url, o);
      const row: HttpRow = {
        name,
        path,
        ...r,
        met: r.requestsPerSecond >= TARGET_RPS && r.non2xx === 0 && r.errors === 0,
        overCeiling: Math.round((r.requestsPerSecond / ceiling.requestsPerSecond) * 1000) / 1000,
      };
      rows.push(row);
      console.log(
        name.padEnd(28) +
          String(row.requestsPerSecond).padStart(9) +
          // No answer within the run: each of the connections waits behind the others, so a call
          // slower than duration / connections answers none of them in time.
          (r.answered > 0 ? String(row.p99Ms) : `> ${o.durationS * 1000}`).padStart(9) +
          (row.met ? 'met' : 'NOT met').padStart(10) +
          `${(row.overCeiling * 100).toFixed(1)} %`.padStart(10) +
          (r.non2xx || r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)` : ''),
      );
    }
    const rssMb = child.pid ? rssMbOf(child.pid) : null;
    const peakMb = child.pid ? peakRssMbOf(child.pid) : null;
    // Issue 11: at most 300 MB at 100,000 measures under load.
    console.log(`server RSS after the load: ${rssMb} MB, peak ${peakMb} MB (target at 100k: ≤ 300 MB)`);
    return { ceiling, rows, rssMb };
  } finally {
    child.kill('SIGTERM');
  }
}
