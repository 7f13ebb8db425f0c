import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { ja } from '../../client/lib/locales/ja';
import { COLUMN_KEYS } from '../../server/domain/import-sheet';
import { describeInBrowser, screenshot, seriousViolations, test } from './support/browser-test';

// The survey-form round trip in a real browser (docs/product.md §4, §5): a MOFA lead downloads the
// form from 「Excelで一括報告」, answers one measure in it, uploads it, sees the dry run and applies it.

const LEAD = 'lead.mofa@demo.example.jp';
const PASSWORD = 'demo-pass-2026';

describeInBrowser('the survey form (real browser, real server, demo accounts)', () => {
  test(
    'a lead downloads the form, uploads an edited copy, sees the dry run and applies it',
    { timeout: 180_000 },
    async ({ page, e2e }) => {
      // Signed in through the API (the sign-in form has its own test): the context keeps the cookie.
      const signIn = await page.request.post('/api/v1/auth/login', { data: { email: LEAD, password: PASSWORD } });
      expect(signIn.status()).toBe(200);
      await page.goto('/my');
      await page.getByTestId('my-survey-import').click();
      await page.getByRole('heading', { level: 1, name: ja.surveyImport.title }).waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('survey-template').click()]);
      expect(download.suggestedFilename()).toMatch(/^調査票_mofa_\d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const sheet = workbook.getWorksheet('調査票');
      if (!sheet) throw new Error('no survey sheet');
      const row = sheet.getRow(2);
      const code = String(row.getCell(COLUMN_KEYS.indexOf('code') + 1).value);
      row.getCell(COLUMN_KEYS.indexOf('note') + 1).value = 'ブラウザから一括報告';
      const dir = mkdtempSync(join(tmpdir(), 'survey-'));
      try {
        const file = join(dir, '調査票.xlsx');
        await workbook.xlsx.writeFile(file);
        await page.getByLabel(ja.surveyImport.fileLabel).setInputFiles(file);
        await page.getByTestId('survey-upload').click();
        await page.getByTestId('survey-changes').waitFor();
        expect(await page.locator('[data-testid="survey-changes"] tbody tr').count()).toBe(1);
        expect(await page.locator(`[data-testid="survey-changes"] tr[data-code="${code}"]`).textContent()).toContain(
          'ブラウザから一括報告',
        );
        await screenshot(page, e2e, 'survey-dry-run');
        const violations = await seriousViolations(page);
        expect(violations, violations.join('\n')).toEqual([]);

        await page.getByTestId('survey-apply').click();
        await page.getByTestId('flash-notice').waitFor();
        expect(new URL(page.url()).pathname).toBe('/my');
        await page.goto(`/measures/${code}`);
        await page.getByText('ブラウザから一括報告').first().waitFor();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
