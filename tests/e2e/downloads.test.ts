import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { ja } from '../../client/lib/locales/ja';
import { measureListResponse } from '../../server/schemas/responses';
import { apiGet, describeInBrowser, test } from './support/browser-test';

// The analyst's errand (docs/product.md §1, §5): filter the explorer, take exactly that view to Excel.
// A real download in Chromium, read back as a person's Excel would read it.

describeInBrowser('downloads (real browser, real server, sample data)', () => {
  test('an analyst downloads the filtered explorer view as CSV and as Excel, every matching row in its order', async ({
    page,
    e2e,
  }) => {
    const query = 'field=quantum&sort=-progress';
    const list = await apiGet(e2e, `/api/v1/measures?${query}&pageSize=500`, measureListResponse);
    expect(list.total).toBeGreaterThan(0);

    await page.goto(`/measures?${query}`);
    await page.getByTestId('result-count').filter({ hasText: /\d/ }).waitFor();
    const menu = page.getByRole('button', { name: new RegExp(`^${ja.download.label}`) });
    await menu.click();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: ja.download.formats.csv }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^施策一覧_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync(await csv.path());
    // Excel reads UTF-8 only with the BOM: without it the Japanese would be mojibake.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^施策コード,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(list.items.map((m) => m.code));

    await menu.click();
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: ja.download.formats.xlsx }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^施策一覧_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet in the workbook');
    const codes: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) codes.push(row.getCell(1).value);
    });
    expect(codes).toEqual(list.items.map((m) => m.code));
    expect(workbook.worksheets.map((s) => s.name)).toContain('条件');
  });
});
