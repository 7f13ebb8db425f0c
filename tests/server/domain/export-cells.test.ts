import { describe, expect, it } from 'vitest';
import { FIELDS, INSTRUMENTS, MINISTRIES, PILLARS } from '../../../common/taxonomy';
import {
  csvCell,
  exportNames,
  jstDateTime,
  neutraliseFormula,
  NUMBER_FORMATS,
  xlsxCell,
} from '../../../server/domain/export-cells';
import { MEASURE_COLUMNS, REPORT_COLUMNS, measureExportRow } from '../../../server/domain/export-columns';
import type { MeasureExportRecord } from '../../../server/domain/export-columns';
import { conditionRows, exportFileName, exportSheetName, SAMPLE_DATA_NOTE } from '../../../server/domain/export-labels';
import { BURNUP_COLUMNS, BY_FIELD_COLUMNS, HEATMAP_COLUMNS } from '../../../server/domain/export-stats-columns';

const LISTS = { fields: FIELDS, ministries: MINISTRIES, pillars: PILLARS, instruments: INSTRUMENTS };
const JA = exportNames(LISTS, 'ja');
const EN = exportNames(LISTS, 'en');

describe('formula injection', () => {
  it('prefixes a quote to text a spreadsheet would run: = + - @ tab CR', () => {
    for (const text of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx']) expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ['plain', ' =x', '1-2', 'a=b', '']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('leaves numbers alone in CSV: a negative number stays a number', () => {
    expect(csvCell('number', -0.5)).toBe(-0.5);
    expect(csvCell('yen', -1000)).toBe(-1000);
    expect(csvCell('text', '-0.5')).toBe("'-0.5");
    expect(csvCell('text', null)).toBe('');
  });
});

describe('cells', () => {
  it('shows instants in Japan time', () => {
    expect(jstDateTime('2026-11-25T16:30:00.000Z')).toBe('2026-11-26 01:30');
    expect(csvCell('datetime', '2026-04-10T01:00:00.000Z')).toBe('2026-04-10 10:00');
    expect(csvCell('date', '2026-03-31')).toBe('2026-03-31');
  });

  it('writes XLSX dates as dates (JST wall clock for instants) and numbers as numbers', () => {
    expect(xlsxCell('date', '2026-03-31')).toEqual(new Date('2026-03-31T00:00:00.000Z'));
    expect(xlsxCell('datetime', '2026-04-10T01:00:00.000Z')).toEqual(new Date('2026-04-10T10:00:00.000Z'));
    expect(xlsxCell('share', 0.25)).toBe(0.25);
    expect(xlsxCell('text', '=x')).toBe('=x');
    expect(xlsxCell('date', null)).toBeNull();
    expect(NUMBER_FORMATS.share).toBe('0.0%');
    expect(NUMBER_FORMATS.date).toBe('yyyy-mm-dd');
  });

  it('names codes in the language, and keeps an unknown code as itself', () => {
    expect(JA.field('quantum')).toBe('量子');
    expect(EN.field('quantum')).toBe('Quantum');
    expect(JA.status('in_progress')).toBe('実施中');
    expect(EN.health('stale')).toBe('Stale');
    expect(EN.ministry('nowhere')).toBe('nowhere');
    expect(JA.list(['a', 'b'])).toBe('a、b');
    expect(EN.list(['a', 'b'])).toBe('a, b');
  });
});

const RECORD: MeasureExportRecord = {
  code: 'METI-0001',
  titleJa: '量子',
  titleEn: 'Quantum',
  leadMinistry: 'meti',
  pillar: 'rd',
  links: { fields: ['quantum', 'ai-semiconductors'], primaryField: 'quantum', coMinistries: ['mext'], instruments: [] },
  status: 'in_progress',
  health: 'on_track',
  review: null,
  reportedHealth: 'on_track',
  milestones: [
    { dueDate: '2026-01-31', completedDate: '2026-01-20', weight: 1, count: 1 },
    { dueDate: '2027-12-31', completedDate: null, weight: 3, count: 1 },
  ],
  targetDate: '2028-03-31',
  lastReportedAt: '2026-11-20T01:00:00.000Z',
  latestReportAt: '2026-11-20T01:00:00.000Z',
  reportDueAt: '2026-12-20T01:00:00.000Z',
  createdAt: '2025-04-01T00:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
  withdrawals: [],
  plan: {
    startDate: '2025-04-01',
    budgetYen: 1_000_000,
    budgetFiscalYear: 2026,
    ownerName: 'owner',
    kpiJa: 'KPI（日）',
    kpiEn: 'KPI (en)',
    version: 3,
  },
};

describe('measure rows and columns', () => {
  const row = measureExportRow(RECORD, { asOf: '2026-11-26', historical: false }, '2027-06-30');

  it('carries the list item, progress toward the deadline and the rest of the plan', () => {
    expect(row.progress).toBe(0.25);
    // Only the first milestone is due by the deadline, and it is done.
    expect(row.progressTowardDeadline).toBe(1);
    expect(row.milestones).toEqual({ total: 2, done: 1, overdue: 0 });
    expect(row).toMatchObject({ titleJa: '量子', titleEn: 'Quantum', version: 3, budgetYen: 1_000_000 });
  });

  it('shows one title, names and kinds in each language', () => {
    const ja = Object.fromEntries(MEASURE_COLUMNS.map((c) => [c.header.ja, c.value(row, JA)]));
    const en = Object.fromEntries(MEASURE_COLUMNS.map((c) => [c.header.en, c.value(row, EN)]));
    expect(ja).toMatchObject({ 施策名: '量子', 主担当府省庁: '経済産業省', KPI: 'KPI（日）', 未更新: 'いいえ', 進捗率: 0.25 });
    expect(en).toMatchObject({ Title: 'Quantum', 'Fields (primary first)': 'Quantum, AI & Semiconductors', Stale: 'no' });
    expect(MEASURE_COLUMNS.find((c) => c.header.en === 'Progress')?.kind).toBe('share');
    expect(MEASURE_COLUMNS.find((c) => c.header.en === 'Target date')?.kind).toBe('date');
  });

  it('every column has a header in both languages and a width', () => {
    for (const c of [...MEASURE_COLUMNS, ...REPORT_COLUMNS, ...BY_FIELD_COLUMNS, ...HEATMAP_COLUMNS, ...BURNUP_COLUMNS]) {
      expect(c.header.ja.length * c.header.en.length * c.width).toBeGreaterThan(0);
    }
  });
});

describe('labels', () => {
  it('names files in the language with the as-of date', () => {
    expect(exportFileName('measures', 'ja', '2026-12-01', 'xlsx')).toBe('施策一覧_2026-12-01.xlsx');
    expect(exportFileName('measures', 'en', '2026-12-01', 'xlsx')).toBe('measures_2026-12-01.xlsx');
    expect(exportSheetName('by-ministry', 'en')).toBe('By ministry');
  });

  it('lists filters, dates, the UI link and the sample-data note', () => {
    const conditions = {
      view: 'measures' as const,
      filters: { field: ['quantum'], status: ['in_progress'], q: '量子' },
      asOf: '2026-11-26',
      basis: 'verified' as const,
      deadline: { nameJa: '夏', nameEn: 'Summer', date: '2027-06-30' },
      generatedAt: '2026-11-26T03:00:00.000Z',
      uiUrl: 'http://localhost/measures?field=quantum',
      sampleData: true,
    };
    expect(conditionRows(conditions, EN)).toEqual([
      ['View', 'Measures'],
      ['Filters: Fields', 'Quantum (quantum)'],
      ['Filters: Statuses', 'In progress'],
      ['Filters: Search', '量子'],
      ['As of', '2026-11-26'],
      ['Basis', 'Verified (verified)'],
      ['Deadline', 'Summer (2027-06-30)'],
      ['Exported at (JST)', '2026-11-26 12:00'],
      ['View in the app', 'http://localhost/measures?field=quantum'],
      ['Note', SAMPLE_DATA_NOTE.en],
    ]);
    const ja = conditionRows({ ...conditions, filters: {}, basis: 'reported', deadline: null, sampleData: false }, JA);
    expect(ja).toEqual([
      ['ビュー', '施策一覧'],
      ['絞り込み', 'なし（すべて）'],
      ['基準日', '2026-11-26'],
      ['集計の基準', '報告ベース (reported)'],
      ['出力日時', '2026-11-26 12:00'],
      ['画面で見る', 'http://localhost/measures?field=quantum'],
    ]);
  });

  it('names the partner filter (共管府省庁) with the ministries it names', () => {
    const conditions = {
      view: 'measures' as const,
      filters: { ministry: ['meti'], partner: ['mext'] },
      asOf: '2026-11-26',
      basis: 'reported' as const,
      deadline: null,
      generatedAt: '2026-11-26T03:00:00.000Z',
      uiUrl: 'http://localhost/measures?ministry=meti&partner=mext',
      sampleData: false,
    };
    expect(conditionRows(conditions, JA).slice(1, 3)).toEqual([
      ['絞り込み: 府省庁', '経済産業省 (meti)'],
      ['絞り込み: 共管府省庁', '文部科学省 (mext)'],
    ]);
    expect(conditionRows(conditions, EN)[2]).toEqual(['Filters: Shared with ministries', expect.stringContaining('(mext)')]);
  });
});
