import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { freePort, peakRssMbOf, rssMbOf } from './start-up';

// `npm run bench -- --http`: the dashboard's calls under load (docs/decisions/016-benchmark-load-tool.md).
// The server runs in a child process (bench/http-server.ts); autocannon runs here, on the same
// machine, so on 2 cores the two share the CPU: read the ratio to the bare-Hono ceiling measured in
// the same run as well as the absolute requests per second. After each call the server's memory in
// MB (issue 11: RSS ≤ 300 MB under load): resident now and its peak during the call, V8's heap used /
// reserved, external memory and its array buffers; after the last call, the same after a full
// collection: a heap that falls back then was garbage, an RSS that does not is memory the process
// keeps (docs/benchmarks.md).

export interface HttpOptions {
  databaseUrl: string | null;
  root: string;
  today: string;
  past: string;
  durationS: number;
  connections: number;
  only?: RegExp;
}

/** The server's memory after a call's load, in MB (process.memoryUsage, and the kernel's peak). */
export interface MemoryAfter {
  rssMb: number;
  /** The resident peak during this call's load (the high-water mark, reset before it), if the kernel let us reset it. */
  peakMb: number | null;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
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
  memory: MemoryAfter | null;
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

const memoryUsage = z.object({
  rss: z.number(),
  heapTotal: z.number(),
  heapUsed: z.number(),
  external: z.number(),
  arrayBuffers: z.number(),
});

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function memoryOf(memoryUrl: string, gc: boolean) {
  const res = await fetch(gc ? `${memoryUrl}?gc=1` : memoryUrl);
  return memoryUsage.parse(await res.json());
}

/**
 * Resets the kernel's resident high-water mark of the process (`echo 5 > /proc/PID/clear_refs`,
 * Linux), so that VmHWM after a call is that call's peak; false when not allowed.
 */
function resetPeak(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function memoryAfter(memoryUrl: string, pid: number | undefined, peakReset: boolean): Promise<MemoryAfter> {
  const peakMb = peakReset && pid ? peakRssMbOf(pid) : null;
  const usage = await memoryOf(memoryUrl, false);
  return {
    rssMb: mb(usage.rss),
    peakMb,
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
  };
}

function formatMemory(m: MemoryAfter | null): string {
  if (!m) return '';
  return (
    String(m.rssMb).padStart(7) +
    (m.peakMb === null ? '–' : String(m.peakMb)).padStart(7) +
    `${m.heapUsedMb}/${m.heapTotalMb}`.padStart(10) +
    String(m.externalMb).padStart(6) +
    String(m.arrayBuffersMb).padStart(6)
  );
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

export async function benchHttp(
  o: HttpOptions,
): Promise<{ ceiling: unknown; rows: HttpRow[]; rssMb: number | null; collected: unknown } | null> {
  if (!o.databaseUrl) return null;
  const [port, ceilingPort] = [await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [
      // The bench server's /memory?gc=1 collects before it reports (bench/http-server.ts).
      '--expose-gc',
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
    const memoryUrl = `http://127.0.0.1:${ceilingPort}/memory`;
    const idle = await memoryOf(memoryUrl, false);
    const peakResetForCeiling = resetPeak(child.pid);
    const ceiling = await load(`http://127.0.0.1:${ceilingPort}/ceiling`, o);
    const ceilingMemory = await memoryAfter(memoryUrl, child.pid, peakResetForCeiling).catch(() => null);
    console.log(
      `${'call'.padEnd(28)}${'req/s'.padStart(9)}${'p99 ms'.padStart(9)}${'target'.padStart(10)}${'/ceiling'.padStart(10)}` +
        `${'RSS'.padStart(7)}${'peak'.padStart(7)}${'heap'.padStart(10)}${'ext'.padStart(6)}${'bufs'.padStart(6)}`,
    );
    console.log(`${'server at start'.padEnd(66)}${String(mb(idle.rss)).padStart(7)}`);
    console.log(
      `${'bare Hono JSON (ceiling)'.padEnd(28)}${String(ceiling.requestsPerSecond).padStart(9)}${String(ceiling.p99Ms).padStart(9)}` +
        ' '.repeat(20) +
        formatMemory(ceilingMemory),
    );
    const rows: HttpRow[] = [];
    for (const [name, path] of dashboardCalls(o).filter(([name]) => !o.only || o.only.test(name))) {
      const url = `http://127.0.0.1:${port}${path}`;
      const check = await fetch(url).catch((error: unknown) => {
        throw new Error(`GET ${path} failed: ${String(error instanceof Error ? (error.cause ?? error) : error)}`);
      });
      await check.arrayBuffer();
      if (check.status !== 200) throw new Error(`${path} → ${check.status}`);
      const peakReset = resetPeak(child.pid);
      const r = await load(url, o);
      const row: HttpRow = {
        name,
        path,
        ...r,
        met: r.requestsPerSecond >= TARGET_RPS && r.non2xx === 0 && r.errors === 0,
        overCeiling: Math.round((r.requestsPerSecond / ceiling.requestsPerSecond) * 1000) / 1000,
        memory: await memoryAfter(memoryUrl, child.pid, peakReset).catch(() => null),
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
          formatMemory(row.memory) +
          (r.non2xx || r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)` : ''),
      );
    }
    const rssMb = child.pid ? rssMbOf(child.pid) : null;
    const peakMb = child.pid ? peakRssMbOf(child.pid) : null;
    // Issue 11: at most 300 MB at 100,000 measures under load.
    console.log(`server RSS after the load: ${rssMb} MB, peak ${peakMb} MB (target at 100k: ≤ 300 MB)`);
    // Only now (a collection between the calls would change what the next one measures).
    const collected = await memoryOf(memoryUrl, true).catch(() => null);
    if (collected)
      console.log(
        `after a full collection: RSS ${mb(collected.rss)} MB, heap used ${mb(collected.heapUsed)} MB of ${mb(collected.heapTotal)} MB, ` +
          `external ${mb(collected.external)} MB`,
      );
    return { ceiling: { ...ceiling, memory: ceilingMemory }, rows, rssMb, collected };
  } finally {
    child.kill('SIGTERM');
  }
}
