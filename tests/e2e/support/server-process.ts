import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

// The application exactly as an operator runs it: the client built by Vite, then what `npm start`
// runs: the seed step (seeds/cli-seed.ts --if-empty) on a fresh SQLite file, and the server started
// by tsx from server/main.ts as its own process.

export const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'node_modules/.bin');

/** The environment for a child: the parent's, minus what vitest injects into its own workers. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // vitest runs with NODE_ENV=test and its own loader flags; neither belongs in a production build
  // or in the server as `npm start` runs it.
  delete env.NODE_OPTIONS;
  delete env.NODE_ENV;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return { ...env, ...extra };
}

/** Runs a command to completion; rejects with its output when it fails or outlives `timeoutMs`. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done();
      else fail(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

/** `vite build` of the client into `outDir` (a production build: NODE_ENV=production). */
export async function buildClient(outDir: string): Promise<void> {
  await run(
    join(BIN, 'vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    childEnv({ NODE_ENV: 'production' }),
    120_000,
  );
}

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  /** False once the process has exited (stopped, or crashed during the run). */
  running(): boolean;
  stop(): Promise<void>;
}

/**
 * Seeds the empty database as `npm start` does, then starts `tsx server/main.ts` on a free port
 * (PORT=0) and resolves once it prints its URL and answers /api/v1/health.
 */
export async function startServer({
  databasePath,
  clientDir,
}: {
  databasePath: string;
  clientDir: string;
}): Promise<RunningServer> {
  const env = childEnv({
    PORT: '0',
    DATABASE_URL: `sqlite:${databasePath}`,
    CLIENT_DIR: clientDir,
    LOG_REQUESTS: 'false',
  });
  // Seeding the sample data takes a few seconds, many more on a machine busy with other work.
  await run(process.execPath, ['--import', 'tsx', 'seeds/cli-seed.ts', '--if-empty'], env, 120_000);
  // `node --import tsx` is what `tsx server/main.ts` runs, minus tsx's wrapper process: one process,
  // so stopping it by its pid cannot leave an orphaned server behind.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const stop = () => stopChild(child);

  return new Promise((ready, fail) => {
    let announced = false;
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`the server did not start within 120 s:\n${output}`));
    }, 120_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    };
    child.on('exit', onExit);
    child.stdout.on('data', () => {
      const match = /http:\/\/localhost:(\d+)/.exec(output);
      if (!match || announced) return;
      announced = true;
      // 127.0.0.1 rather than localhost: Chromium and Node may try ::1 first.
      const baseUrl = `http://127.0.0.1:${match[1]}`;
      waitForHealth(baseUrl).then(
        () => {
          clearTimeout(timer);
          child.off('exit', onExit);
          ready({ baseUrl, output: () => output, running: () => child.exitCode === null && child.signalCode === null, stop });
        },
        (error: unknown) => {
          clearTimeout(timer);
          void stop();
          fail(new Error(`the server printed ${baseUrl} but its health check failed (${String(error)}):\n${output}`));
        },
      );
    });
  });
}

async function waitForHealth(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/** SIGTERM (the server closes its database), then SIGKILL if it has not exited within 5 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
