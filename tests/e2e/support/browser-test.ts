import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { test as base, describe, expect, inject } from 'vitest';
import type { z } from 'zod';
import type { E2eEnvironment } from './e2e-environment';
import './e2e-environment';

// The browser side of the e2e tests: one Chromium per test file, a fresh context per test (nothing
// carries over: no localStorage, no cookies), and every console error, uncaught exception, failed
// request or HTTP error the page runs into fails the test unless the test said it expects it.

/** The flags the developer guide prescribes for Debian's Chromium on this machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const VIEWPORT = { width: 1280, height: 720 } as const;

const environment: E2eEnvironment = inject('e2e');

/** A describe that runs only when the global setup found a browser (it printed why otherwise). */
export const describeInBrowser = describe.skipIf(!environment.available);

export interface AvailableEnvironment {
  baseUrl: string;
  chromiumPath: string;
  screenshotDir: string;
}

function availableEnvironment(): AvailableEnvironment {
  if (!environment.available) throw new Error(environment.skipReason);
  return environment;
}

/** What went wrong in the page during one test. */
export class PageProblems {
  readonly list: string[] = [];
  private readonly allowed: RegExp[] = [];

  /** Declares an expected failure (a 404 the test provokes), matched against URLs and messages. */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  isAllowed(...texts: string[]): boolean {
    return this.allowed.some((pattern) => texts.some((text) => pattern.test(text)));
  }

  add(problem: string): void {
    this.list.push(problem);
  }
}

function watch(page: Page, problems: PageProblems): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (problems.isAllowed(message.text(), url)) return;
    problems.add(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => problems.add(`uncaught exception: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'unknown';
    // Reloading or navigating cancels whatever the old page still had in flight: the browser's
    // doing, not the application's.
    if (reason === 'net::ERR_ABORTED') return;
    if (problems.isAllowed(request.url())) return;
    problems.add(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() < 400 || problems.isAllowed(response.url())) return;
    problems.add(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
}

export const test = base
  .extend('e2e', { scope: 'file' }, () => availableEnvironment())
  .extend('browser', { scope: 'file' }, async ({ e2e }, { onCleanup }): Promise<Browser> => {
    const browser = await chromium.launch({ executablePath: e2e.chromiumPath, args: CHROMIUM_ARGS });
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('problems', () => new PageProblems())
  .extend('page', async ({ browser, e2e, problems }, { onCleanup }): Promise<Page> => {
    const context = await browser.newContext({
      baseURL: e2e.baseUrl,
      viewport: VIEWPORT,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      // Charts honour prefers-reduced-motion: no half-drawn bars in assertions or screenshots.
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    watch(page, problems);
    onCleanup(async () => {
      await context.close();
      expect(problems.list, 'the page reported problems').toEqual([]);
    });
    return page;
  });

/** GETs an API path from the running server and parses the body with the contract's schema. */
export async function apiGet<S extends z.ZodType>(e2e: AvailableEnvironment, path: string, schema: S): Promise<z.output<S>> {
  const res = await fetch(`${e2e.baseUrl}${path}`);
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${JSON.stringify(body)}`);
  return schema.parse(body);
}

/**
 * Waits until the page has settled: no request in flight for 500 ms and no loading skeleton left.
 * Used before screenshots and scans, where a half-loaded page would give a meaningless result.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.skeleton').count(), { timeout: 15_000 }).toBe(0);
}

/** A full-page screenshot under tests/e2e/screenshots/ (git-ignored), for people to look at. */
export async function screenshot(page: Page, e2e: AvailableEnvironment, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(e2e.screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * What axe-core finds on the page that is serious or critical under WCAG 2 A/AA, one line a rule and
 * one a node. Label in name (WCAG 2.5.3: a control's accessible name contains its visible text) is an
 * "experimental" axe rule, off unless enabled by name; so is it here, on top of the tags.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .options({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      rules: { 'label-content-name-mismatch': { enabled: true } },
    })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => [
      `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})`,
      ...v.nodes.map((node) => `  ${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
    ]);
}
