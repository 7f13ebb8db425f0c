import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DATA_NOTE } from '../../server/domain/export-labels';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// The bytes of the CSV export and the workbook of the XLSX export, read back with the libraries a
// user's tools would use: BOM, CRLF, quoting, formula injection; types, formats, panes, filters.

const EXPORT = '/api/v1/exports';

/** METI-0001 with text that needs quoting or would run as a formula, and a negative amount. */
function trickyMeasures() {
  return fixtureMeasures().map((m) =>
    m.code === 'METI-0001'
      ? {
          ...m,
          titleJa: '=HYPERLINK("http://example.com","量子, 計算")',
          titleEn: 'Line one\nline "two", three',
          ownerName: '@owner',
          kpiJa: '+81 の指標',
          kpiEn: '-1+1',
          budgetYen: -5000,
          budgetFiscalYear: 2026,
        }
      : m,
  );
}

async function bytesOf(t: TestApp, path: string) {
  const res = await t.app.request(path);
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function workbookOf(t: TestApp, path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const res = await t.app.request(path);
  expect(res.status, path).toBe(200);
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

function rowValues(row: ExcelJS.Row): unknown[] {
  const values = row.values;
  return Array.isArray(values) ? values.slice(1) : [];
}

describe.each(TEST_DIALECTS)('export formats on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: trickyMeasures(), now: FIXTURE_NOW });
    // As after `npm run db:seed`: the conditions sheet then carries the sample-data note.
    await t.database.db
      .insertInto('seed_runs')
      .values({ name: 'sample', reference_date: '2026-11-26', seeded_at: FIXTURE_NOW.toISOString() })
      .execute();
  });
  afterAll(() => t.drop());

  describe('CSV', () => {
    it('starts with a BOM, ends records with CRLF, heads columns in Japanese', async () => {
      const bytes = await bytesOf(t, `${EXPORT}/measures.csv`);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text.startsWith('施策コード,施策名,主担当府省庁,共管府省庁,戦略分野（主分野が先頭）,施策の柱,')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      // 12 measures and the header: every record ends with CRLF, and no line ends without CR.
      expect(text.split('\r\n')).toHaveLength(14);
      expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false);
    });

    it('quotes commas, quotes and line breaks (RFC 4180) and neutralises formulas, but not numbers', async () => {
      const text = (await bytesOf(t, `${EXPORT}/measures.csv`)).toString('utf8');
      expect(text).toContain(`METI-0001,"'=HYPERLINK(""http://example.com"",""量子, 計算"")",`);
      const records = parse(text, { bom: true, relax_column_count: false }) as string[][];
      const header = records[0] ?? [];
      const meti = records.find((r) => r[0] === 'METI-0001') ?? [];
      const cell = (name: string) => meti[header.indexOf(name)];
      expect(cell('施策名')).toBe(`'=HYPERLINK("http://example.com","量子, 計算")`);
      expect(cell('担当者')).toBe("'@owner");
      expect(cell('KPI')).toBe("'+81 の指標");
      expect(cell('予算額（円）')).toBe('-5000');
      expect(cell('進捗率')).toBe('0.375');
      expect(cell('ステータス')).toBe('実施中');
      expect(cell('目標日')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(cell('最終報告日時')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    });

    it('heads and names in English with lang=en, the title with its line break kept in quotes', async () => {
      const text = (await bytesOf(t, `${EXPORT}/measures.csv?lang=en`)).toString('utf8');
      expect(text.slice(1).startsWith('Code,Title,Lead ministry,Co-ministries,Fields (primary first),Pillar,')).toBe(true);
      expect(text).toContain('METI-0001,"Line one\nline ""two"", three","Ministry of Economy, Trade and Industry",');
      const records = parse(text, { bom: true }) as string[][];
      const meti = records.find((r) => r[0] === 'METI-0001') ?? [];
      expect(meti[1]).toBe('Line one\nline "two", three');
      expect(meti[records[0]?.indexOf('KPI') ?? -1]).toBe("'-1+1");
      expect(meti[records[0]?.indexOf('Status') ?? -1]).toBe('In progress');
    });
  });

  describe('XLSX', () => {
    it('writes numbers as numbers, dates as dates, shares with a percent format', async () => {
      const workbook = await workbookOf(t, `${EXPORT}/measures.xlsx?sort=-progress`);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['施策一覧', '条件']);
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error('no sheet');
      const header = rowValues(sheet.getRow(1));
      expect(header.slice(0, 3)).toEqual(['施策コード', '施策名', '主担当府省庁']);
      expect(sheet.rowCount).toBe(13);
      const rowOf = (code: string) => {
        for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(1).value === code) return sheet.getRow(i);
        throw new Error(`no row ${code}`);
      };
      const meti = rowOf('METI-0001');
      const cell = (name: string) => meti.getCell(header.indexOf(name) + 1);
      // A formula-looking title is a string cell, never a formula.
      expect(cell('施策名').value).toBe('=HYPERLINK("http://example.com","量子, 計算")');
      expect(cell('施策名').type).toBe(ExcelJS.ValueType.String);
      expect(cell('進捗率').value).toBe(0.375);
      expect(cell('進捗率').numFmt).toBe('0.0%');
      expect(cell('予算額（円）').value).toBe(-5000);
      const item = ((await t.get('/api/v1/measures/METI-0001')).body as { milestones: { done: number } }).milestones;
      expect(cell('完了マイルストーン').value).toBe(item.done);
      expect(cell('目標日').value).toBeInstanceOf(Date);
      expect(cell('目標日').numFmt).toBe('yyyy-mm-dd');
      expect(cell('最終報告日時').value).toBeInstanceOf(Date);
      // The first rows follow the list's sort: most progress first.
      expect(sheet.getRow(2).getCell(header.indexOf('進捗率') + 1).value).toBe(1);
    });

    it('freezes the header row, filters it, sizes the columns', async () => {
      const workbook = await workbookOf(t, `${EXPORT}/measures.xlsx`);
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error('no sheet');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBe('A1:Z1');
      expect(sheet.getColumn(2).width).toBe(48);
      expect(sheet.getRow(1).font?.bold).toBe(true);
    });

    it('lists the conditions: view, filters, as-of date, deadline, time of export, UI link, sample-data note', async () => {
      const ja = await workbookOf(t, `${EXPORT}/measures.xlsx?field=quantum&status=in_progress&sort=-progress`);
      const rows = (ja.getWorksheet('条件')?.getSheetValues() ?? []).filter(Array.isArray).map((r) => r.slice(1));
      expect(rows).toEqual([
        ['ビュー', '施策一覧'],
        ['絞り込み: 戦略分野', '量子 (quantum)'],
        ['絞り込み: ステータス', '実施中'],
        ['絞り込み: 並び順', '-progress'],
        ['基準日', '2026-11-26'],
        ['集計の基準', '報告ベース (reported)'],
        ['期限', '成長戦略改訂（2027年夏） (2027-06-30)'],
        ['出力日時', '2026-11-26 12:00'],
        ['画面で見る', 'http://localhost/measures?field=quantum&status=in_progress&sort=-progress'],
        ['注記', SAMPLE_DATA_NOTE.ja],
      ]);
      const en = await workbookOf(t, `${EXPORT}/heatmap.xlsx?lang=en&deadline=summer-2026&asOf=2026-07-15&basis=verified`);
      expect(en.worksheets.map((s) => s.name)).toEqual(['Field x ministry', 'Conditions']);
      const enRows = (en.getWorksheet('Conditions')?.getSheetValues() ?? []).filter(Array.isArray).map((r) => r.slice(1));
      expect(enRows).toContainEqual(['View in the app', 'http://localhost/?deadline=summer-2026&asOf=2026-07-15&basis=verified']);
      expect(enRows).toContainEqual(['As of', '2026-07-15']);
      expect(enRows).toContainEqual(['Basis', 'Verified (verified)']);
      expect(enRows).toContainEqual(['Note', SAMPLE_DATA_NOTE.en]);
      const heat = en.worksheets[0];
      if (!heat) throw new Error('no sheet');
      expect(rowValues(heat.getRow(1))).toEqual([
        'Field code',
        'Field',
        'Ministry code',
        'Ministry',
        'Measures',
        'Behind (off track or stale)',
        'Progress toward the deadline',
      ]);
    });

    it('writes the burn-up with real dates and the reports with their times', async () => {
      const burnup = (await workbookOf(t, `${EXPORT}/burnup.xlsx?deadline=summer-2026`)).worksheets[0];
      const first = burnup?.getRow(2);
      expect(first?.getCell(1).value).toEqual(new Date('2026-01-31T00:00:00.000Z'));
      expect(first?.getCell(2).numFmt).toBe('0.0%');
      // 2026-01-31 … 2026-11-26, daily (docs: the fixture's burn-up toward summer-2026).
      expect(burnup?.rowCount).toBe(301);
      const reports = (await workbookOf(t, `${EXPORT}/reports.xlsx?ministry=meti&lang=en`)).worksheets[0];
      expect(reports?.name).toBe('Status reports');
      expect(reports?.getRow(2).getCell(3).value).toBeInstanceOf(Date);
    });
  });
});
