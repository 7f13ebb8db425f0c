import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { processEnvironment } from '../db/environment';
import { round } from './timing';

// The server as `npm start` runs it (the bundle of server/main.ts, dist/server/main.mjs, built here
// first as `npm run build:server` builds it) in its own process over the seeded database: the time
// from spawning it to its first answers, and its resident memory once it has answered them.

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The resident set of a process in MB, from /proc (Linux); null elsewhere. */
export function rssMbOf(pid: number): number | null {
  return statusMbOf(pid, 'VmRSS');
}

/** The process's peak resident set so far (the kernel's high-water mark), in MB. */
export function peakRssMbOf(pid: number): number | null {
  return statusMbOf(pid, 'VmHWM');
}

function statusMbOf(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export interface StartUp {
  /** Spawn → first 200 from /api/v1/health. */
  healthMs: number;
  /** Then the first /meta and the first /stats/summary, one after the other. */
  metaMs: number;
  summaryMs: number;
  totalMs: number;
  rssMb: number | null;
}

async function untilHealthy(base: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/v1/health`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the server did not answer /api/v1/health within 120 s');
}

async function timedGet(url: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
  return performance.now() - start;
}

export async function measureStartUp(databaseUrl: string, root: string): Promise<StartUp> {
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build:server failed');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/server/main.mjs')], {
    cwd: root,
    env: {
      ...processEnvironment(),
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_REQUESTS: 'false',
      CLIENT_DIR: join(root, 'bench/no-client'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await untilHealthy(base, started + 120_000);
    const healthMs = performance.now() - started;
    const metaMs = await timedGet(`${base}/api/v1/meta`);
    const summaryMs = await timedGet(`${base}/api/v1/stats/summary`);
    return {
      healthMs: round(healthMs),
      metaMs: round(metaMs),
      summaryMs: round(summaryMs),
      totalMs: round(performance.now() - started),
      rssMb: child.pid ? rssMbOf(child.pid) : null,
    };
  } finally {
    child.kill('SIGTERM');
  }
}
