import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { formatNumber, formatPercent } from '../../client/lib/format';
import { en } from '../../client/lib/locales/en';
import { ja } from '../../client/lib/locales/ja';
import { breakdownResponse, metaResponse, summaryResponse } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, screenshot, seriousViolations, settle, test } from './support/browser-test';

// The A4 report (docs/product.md §5, decision 015) printed to PDF by headless Chromium, which prints
// with the print stylesheet, then read back with poppler-utils as a person would read the paper:
// A4 pages, the Japanese font embedded, the summary's figures and the field names in the text, and no
// table row of the by-field table cut by a page break.

function poppler(command: string, ...args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}

/** The text of each page, laid out as printed (one table row a line). */
function pagesOf(file: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) =>
    poppler('pdftotext', '-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'),
  );
}

describeInBrowser('the A4 report (real browser, real server, sample data)', () => {
  test('prints to an A4 PDF with the Japanese font, the summary figures and every field', async ({ page, e2e }) => {
    const meta = await apiGet(e2e, '/api/v1/meta', metaResponse);
    const summary = await apiGet(e2e, '/api/v1/stats/summary', summaryResponse);
    const byField = await apiGet(e2e, '/api/v1/stats/by-field', breakdownResponse);
    await page.goto('/report');
    await expect.poll(() => page.getByTestId('meeting-report').getAttribute('data-ready')).toBe('true');
    await settle(page);
    expect(await page.locator('.error-state').count(), 'a section of the report failed to load').toBe(0);
    await screenshot(page, e2e, 'report-ja');

    // Kept beside the screenshots (git-ignored), for a person to look at.
    const file = join(e2e.screenshotDir, 'report.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));

    const info = poppler('pdfinfo', file);
    expect(info).toMatch(/Page size:\s+59[56](\.\d+)? x 84[123](\.\d+)? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);

    // Every font embedded, with its Unicode map (so that the text below can be extracted). Skia
    // embeds Debian's Noto Sans CJK (CFF outlines in a .ttc) as Type 3 fonts without a name, so the
    // Japanese face shows as embedded glyphs rather than by name (decision 015).
    const fonts = poppler('pdffonts', file)
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => line.trim().split(/\s+/));
    expect(fonts.length).toBeGreaterThan(0);
    for (const columns of fonts) {
      expect(columns.at(-5), columns.join(' ')).toBe('yes'); // emb
      expect(columns.at(-3), columns.join(' ')).toBe('yes'); // uni
    }

    const texts = pagesOf(file, pages);
    const all = texts.join('\n');
    expect(all).toContain(ja.meetingReport.title);
    const next = meta.meetings.find((m) => m.code === meta.nextMeeting);
    if (next) expect(all).toContain(next.nameJa);
    expect(all).toContain(ja.app.sampleNote.slice(0, 20));
    // The summary's figures exactly as GET /stats/summary gives them, formatted as the page formats them.
    expect(all).toContain(formatNumber(summary.total, 'ja'));
    expect(all).toContain(formatPercent(summary.progress, 'ja'));
    expect(all).toContain(ja.meetingReport.changes);
    // The page numbers in the bottom margin: "1 / N" on the first page, "N / N" on the last.
    expect(texts[0]).toMatch(new RegExp(`\\b1\\s*/\\s*${pages}\\b`));
    expect(texts[pages - 1]).toMatch(new RegExp(`\\b${pages}\\s*/\\s*${pages}\\b`));

    // Every field with measures by its Japanese name, and its table row whole on one line of one page:
    // the name, then its counts, its total and its progress.
    for (const row of byField.items.filter((r) => r.total > 0)) {
      const pattern = new RegExp(
        `${row.nameJa.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+[\\d\\s,]*\\b${formatNumber(row.total, 'ja')}\\s+${formatPercent(row.progress, 'ja').replace('.', '\\.')}`,
      );
      expect(
        texts.some((text) => text.split('\n').some((line) => pattern.test(line))),
        `by-field row ${row.code} whole on one line`,
      ).toBe(true);
    }
  });

  test('the report on screen passes axe-core in Japanese and in English', async ({ page, e2e }) => {
    await page.goto('/report');
    await expect.poll(() => page.getByTestId('meeting-report').getAttribute('data-ready')).toBe('true');
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: new RegExp(`^${ja.language.switchTo}`) }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.meetingReport.title);
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, e2e, 'report-en');
  });

  test('the dashboard’s 印刷 / PDF opens the report with the same parameters', async ({ page }) => {
    await page.goto('/?field=quantum');
    await page.getByRole('link', { name: ja.meetingReport.printOrPdf }).click();
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/report?field=quantum');
    await expect.poll(() => page.getByTestId('report-filters').textContent()).toContain('量子');
    await expect.poll(() => page.getByTestId('meeting-report').getAttribute('data-ready')).toBe('true');
    await settle(page);
    await page.getByRole('link', { name: ja.meetingReport.back }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?field=quantum');
  });
});
