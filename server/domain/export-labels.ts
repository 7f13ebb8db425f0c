import type { ExportView } from '../schemas/exports';
import type { Basis } from '../schemas/follow-up';
import type { DeadlineDto } from '../schemas/responses';
import { jstDateTime } from './export-cells';
import type { ExportLang, ExportNames } from './export-cells';

// The words around an export's rows: its file and sheet names, and the conditions sheet that says
// which view, filters and dates the rows are.

/** Each view's name in files (Japanese, English) and its English sheet name (the Japanese one is the same). */
const VIEW_NAMES: Record<ExportView, { ja: string; en: string; sheetEn: string }> = {
  measures: { ja: '施策一覧', en: 'measures', sheetEn: 'Measures' },
  reports: { ja: '状況報告一覧', en: 'status-reports', sheetEn: 'Status reports' },
  'by-field': { ja: '分野別集計', en: 'by-field', sheetEn: 'By field' },
  'by-ministry': { ja: '府省庁別集計', en: 'by-ministry', sheetEn: 'By ministry' },
  heatmap: { ja: '分野×府省庁', en: 'heatmap', sheetEn: 'Field x ministry' },
  burnup: { ja: 'バーンアップ', en: 'burnup', sheetEn: 'Burn-up' },
  changes: { ja: '前回会議からの変化', en: 'changes', sheetEn: 'Changes' },
};

export const CONDITIONS_SHEET: Record<ExportLang, string> = { ja: '条件', en: 'Conditions' };

/** `施策一覧_2026-12-01.xlsx` / `measures_2026-12-01.xlsx`: the view and the as-of date of its rows. */
export function exportFileName(view: ExportView, lang: ExportLang, asOf: string, format: string): string {
  return `${VIEW_NAMES[view][lang]}_${asOf}.${format}`;
}

export function exportSheetName(view: ExportView, lang: ExportLang): string {
  return lang === 'ja' ? VIEW_NAMES[view].ja : VIEW_NAMES[view].sheetEn;
}

/** The filters an export was asked for, as given (codes), without the as-of date, deadline or language. */
export interface ExportFilters {
  field?: string[];
  ministry?: string[];
  status?: string[];
  health?: string[];
  pillar?: string[];
  instrument?: string[];
  partner?: string[];
  q?: string;
  sort?: string;
  from?: string;
  to?: string;
}

export interface ExportConditions {
  view: ExportView;
  filters: ExportFilters;
  asOf: string;
  basis: Basis;
  deadline: Omit<DeadlineDto, 'code'> | null;
  generatedAt: string;
  /** The same view in the UI. */
  uiUrl: string;
  /** Whether the rows include the illustrative sample data. */
  sampleData: boolean;
  /** The two ends compared by the changes view (docs/decisions/014-changes-between-instants.md). */
  ends?: { from: ExportEnd; to: ExportEnd };
}

/** One end of the changes: its instant, and the edition or meeting it stands for. */
export interface ExportEnd {
  instant: string;
  date: string;
  edition: string | null;
  meeting: string | null;
}

function endValue(end: ExportEnd, lang: ExportLang): string {
  const source = [
    end.edition ? `${lang === 'ja' ? '版' : 'edition'} ${end.edition}` : null,
    end.meeting ? `${lang === 'ja' ? '会議' : 'meeting'} ${end.meeting}` : null,
  ].filter((x): x is string => x !== null);
  return `${jstDateTime(end.instant)}${source.length > 0 ? ` (${source.join(', ')})` : ''}`;
}

type Label = Record<ExportLang, string>;

const FILTER_LABELS: Record<keyof ExportFilters, Label> = {
  field: { ja: '戦略分野', en: 'Fields' },
  ministry: { ja: '府省庁', en: 'Ministries' },
  status: { ja: 'ステータス', en: 'Statuses' },
  health: { ja: '健全性', en: 'Health' },
  pillar: { ja: '施策の柱', en: 'Pillars' },
  instrument: { ja: '支援手段', en: 'Instruments' },
  partner: { ja: '共管府省庁', en: 'Shared with ministries' },
  q: { ja: 'キーワード', en: 'Search' },
  sort: { ja: '並び順', en: 'Sort' },
  from: { ja: '報告日（から）', en: 'Reported from' },
  to: { ja: '報告日（まで）', en: 'Reported to' },
};

// docs/product.md §3 "Basis": the dashboard's 報告ベース / 確認済み wording.
const BASIS_LABELS: Record<Basis, Label> = {
  reported: { ja: '報告ベース', en: 'As reported' },
  accepted: { ja: '受理済みの報告', en: 'Accepted reports' },
  verified: { ja: '確認済み', en: 'Verified' },
};

const LABELS = {
  view: { ja: 'ビュー', en: 'View' },
  filters: { ja: '絞り込み', en: 'Filters' },
  none: { ja: 'なし（すべて）', en: 'none (all)' },
  asOf: { ja: '基準日', en: 'As of' },
  basis: { ja: '集計の基準', en: 'Basis' },
  deadline: { ja: '期限', en: 'Deadline' },
  generatedAt: { ja: '出力日時', en: 'Exported at (JST)' },
  uiUrl: { ja: '画面で見る', en: 'View in the app' },
  note: { ja: '注記', en: 'Note' },
  from: { ja: '比較の起点', en: 'Compared from (JST)' },
  to: { ja: '比較の終点', en: 'Compared to (JST)' },
} satisfies Record<string, Label>;

// README's wording: the bundled sample data is made up for illustration.
export const SAMPLE_DATA_NOTE: Label = {
  ja: '同梱のサンプルデータは説明用に作成したものであり、政府の公式な施策・予算・進捗を示すものではありません。',
  en: 'The sample data is illustrative, not official: it does not describe real government measures, budgets or progress.',
};

function filterValue(key: keyof ExportFilters, value: string | string[], names: ExportNames): string {
  if (typeof value === 'string') return value;
  // A partner is a ministry (docs/product.md §4 filters `partner`): named as the ministry filter is.
  const nameOf =
    key === 'field' || key === 'ministry' || key === 'pillar' || key === 'instrument'
      ? names[key]
      : key === 'partner'
        ? names.ministry
        : null;
  const named = key === 'status' ? value.map(names.status) : key === 'health' ? value.map(names.health) : null;
  return names.list(named ?? value.map((code) => (nameOf ? `${nameOf(code)} (${code})` : code)));
}

/** The rows of the conditions sheet: a label and a value each. */
export function conditionRows(conditions: ExportConditions, names: ExportNames): [string, string][] {
  const { lang } = names;
  const filters = (Object.keys(FILTER_LABELS) as (keyof ExportFilters)[]).flatMap((key): [string, string][] => {
    const value = conditions.filters[key];
    if (value === undefined || value.length === 0) return [];
    return [[`${LABELS.filters[lang]}: ${FILTER_LABELS[key][lang]}`, filterValue(key, value, names)]];
  });
  const deadline = conditions.deadline;
  return [
    [LABELS.view[lang], exportSheetName(conditions.view, lang)],
    ...(filters.length > 0 ? filters : [[LABELS.filters[lang], LABELS.none[lang]] as [string, string]]),
    ...(conditions.ends
      ? [
          [LABELS.from[lang], endValue(conditions.ends.from, lang)] as [string, string],
          [LABELS.to[lang], endValue(conditions.ends.to, lang)] as [string, string],
        ]
      : [[LABELS.asOf[lang], conditions.asOf] as [string, string]]),
    [LABELS.basis[lang], `${BASIS_LABELS[conditions.basis][lang]} (${conditions.basis})`],
    ...(deadline
      ? [[LABELS.deadline[lang], `${lang === 'ja' ? deadline.nameJa : deadline.nameEn} (${deadline.date})`] as [string, string]]
      : []),
    [LABELS.generatedAt[lang], jstDateTime(conditions.generatedAt)],
    [LABELS.uiUrl[lang], conditions.uiUrl],
    ...(conditions.sampleData ? [[LABELS.note[lang], SAMPLE_DATA_NOTE[lang]] as [string, string]] : []),
  ];
}
