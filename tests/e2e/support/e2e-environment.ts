// What the e2e global setup hands to the test files (through vitest's provide/inject, so it must be
// plain JSON): either a running server and the browser to drive, or why the browser tests are skipped.

export type E2eEnvironment =
  { available: true; baseUrl: string; chromiumPath: string; screenshotDir: string } | { available: false; skipReason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eEnvironment;
  }
}

/** The line printed when there is no browser (outside CI): plain enough to spot in `npm test` output. */
export function skippedMessage(chromiumPath: string): string {
  return `Browser tests skipped: no Chromium at ${chromiumPath}`;
}
