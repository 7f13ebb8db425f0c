import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath, isCi } from '../../../server/config';
import { skippedMessage } from './e2e-environment';
import type { E2eEnvironment } from './e2e-environment';
import { ROOT, buildClient, startServer } from './server-process';
import type { RunningServer } from './server-process';

// Once per `npm test` run, for the e2e project only: build the client, start the real server on a
// fresh seeded SQLite file, and hand its URL to the test files. Each file launches its own Chromium
// (support/browser-test.ts). Without a browser the files are skipped — except under CI=true, where
// a missing browser must not turn into a green run.

const SCREENSHOT_DIR = join(ROOT, 'tests/e2e/screenshots');

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const browser = chromiumPath();
  if (!existsSync(browser)) {
    if (isCi()) {
      throw new Error(
        `No Chromium at ${browser}, and under CI=true the browser tests may not be skipped. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
      );
    }
    const message = skippedMessage(browser);
    // Printed by the main process, so it shows in `npm test` output whatever the reporter: once as
    // the run starts and again at its end, next to the summary that counts the skipped tests.
    process.stdout.write(`\n${message}\n\n`);
    provide(project, { available: false, skipReason: message });
    return async () => {
      process.stdout.write(`\n${message}\n`);
    };
  }

  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-e2e-'));
  let server: RunningServer | undefined;
  const teardown = async () => {
    // A server that died mid-run shows in the tests only as failed requests: say why it died.
    if (server && !server.running()) process.stderr.write(`The e2e server exited during the run:\n${server.output()}\n`);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const clientDir = join(dir, 'client');
    await buildClient(clientDir);
    server = await startServer({ databasePath: join(dir, 'e2e.db'), clientDir });
  } catch (error) {
    await teardown();
    throw error;
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  process.stdout.write(
    `e2e: client built and server up at ${server.baseUrl} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  provide(project, { available: true, baseUrl: server.baseUrl, chromiumPath: browser, screenshotDir: SCREENSHOT_DIR });
  return teardown;
}

function provide(project: TestProject, environment: E2eEnvironment): void {
  project.provide('e2e', environment);
}
