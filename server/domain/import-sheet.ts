import { HEALTHS, REPORTED_HEALTH_CODES, STATUSES, STATUS_CODES } from '../../common/taxonomy';
import type { ReportedHealthCode, StatusCode } from '../../common/taxonomy';

// The layout of the survey form (調査票, docs/product.md §4): one sheet, one table. Each measure the
// ministry leads is one row, followed by one row per open milestone of it (the milestone id filled,
// the measure code repeated); so the CSV form of the same table needs no second sheet. Read-only
// columns show the state at download, editable ones take the answer, and the hidden `version`
// column carries the measure's version so that an answer to an old state is caught.

export type ImportLang = 'ja' | 'en';

export const SURVEY_SHEET = { ja: '調査票', en: 'Survey' } as const;
export const INSTRUCTIONS_SHEET = '説明 Instructions';

export const COLUMN_KEYS = [
  'code',
  'milestoneId',
  'title',
  'status',
  'health',
  'lastNote',
  'lastReported',
  'dueDate',
  'newStatus',
  'newHealth',
  'note',
  'evidenceUrl',
  'completedDate',
  'version',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const EDITABLE_COLUMNS: readonly ColumnKey[] = ['newStatus', 'newHealth', 'note', 'evidenceUrl', 'completedDate'];
/** Columns an upload must have: the row's identity, its version and every answer. */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ['code', 'milestoneId', ...EDITABLE_COLUMNS, 'version'];

export const COLUMN_LABELS: Record<ColumnKey, Record<ImportLang, string>> = {
  code: { ja: '施策コード', en: 'Code' },
  milestoneId: { ja: '節目ID', en: 'Milestone ID' },
  title: { ja: '施策名・節目名', en: 'Measure / milestone' },
  status: { ja: '現在の状況', en: 'Current status' },
  health: { ja: '現在の健全性', en: 'Current health' },
  lastNote: { ja: '前回の報告内容', en: 'Last note' },
  lastReported: { ja: '前回報告日', en: 'Last reported' },
  dueDate: { ja: '節目の期限', en: 'Milestone due' },
  newStatus: { ja: '新しい状況', en: 'New status' },
  newHealth: { ja: '新しい健全性', en: 'New health' },
  note: { ja: '進捗メモ', en: 'Progress note' },
  evidenceUrl: { ja: '根拠URL', en: 'Evidence URL' },
  completedDate: { ja: '節目の完了日', en: 'Milestone completed on' },
  version: { ja: 'version', en: 'version' },
};

/** The column a header cell names, in either language or as its key; null for an unknown header. */
export function columnOfHeader(header: string): ColumnKey | null {
  const text = header.trim().toLowerCase();
  for (const key of COLUMN_KEYS) {
    const labels = COLUMN_LABELS[key];
    if (text === key.toLowerCase() || text === labels.ja.toLowerCase() || text === labels.en.toLowerCase()) return key;
  }
  return null;
}

export function statusLabel(code: string, lang: ImportLang): string {
  const item = STATUSES.find((s) => s.code === code);
  return item ? (lang === 'ja' ? item.nameJa : item.nameEn) : code;
}

export function healthLabel(code: string | null, lang: ImportLang): string {
  if (code === null) return '';
  const item = HEALTHS.find((h) => h.code === code);
  return item ? (lang === 'ja' ? item.nameJa : item.nameEn) : code;
}

export function statusLabels(lang: ImportLang): string[] {
  return STATUS_CODES.map((c) => statusLabel(c, lang));
}

export function reportedHealthLabels(lang: ImportLang): string[] {
  return REPORTED_HEALTH_CODES.map((c) => healthLabel(c, lang));
}

function codeOfLabel<C extends string>(items: readonly { code: C; nameJa: string; nameEn: string }[], value: string): C | null {
  const text = value.trim().toLowerCase();
  const item = items.find((i) => i.code === text || i.nameJa.toLowerCase() === text || i.nameEn.toLowerCase() === text);
  return item ? item.code : null;
}

/** A status given as its code or its label in either language. */
export function statusOfCell(value: string): StatusCode | null {
  return codeOfLabel(STATUSES, value);
}

/** A reported health (never `stale`) given as its code or its label in either language. */
export function healthOfCell(value: string): ReportedHealthCode | null {
  const code = codeOfLabel(HEALTHS, value);
  return code === null || code === 'stale' ? null : code;
}

export const INSTRUCTIONS: readonly [string, string][] = [
  ['調査票の記入方法', 'How to fill in the survey form'],
  [
    '「調査票」シートの灰色の列は現在の状態で、変更できません。白い列（新しい状況・新しい健全性・進捗メモ・根拠URL・節目の完了日）に記入してください。',
    'Grey columns of the Survey sheet show the current state and are locked. Fill in the white columns (new status, new health, progress note, evidence URL, milestone completed on).',
  ],
  [
    '施策の行の下に、その施策の未完了の節目が1行ずつあります。節目を完了した場合は、その行に完了日（YYYY-MM-DD）を記入してください。',
    'Below each measure are its open milestones, one a row. To complete one, enter its completion date (YYYY-MM-DD) on its row.',
  ],
  [
    '状況と健全性は一覧から選んでください。変更のない施策は報告されません。',
    'Pick status and health from the drop-down lists. Measures you leave unchanged are not reported.',
  ],
  [
    '数式は使わないでください。行や列の追加・削除・並べ替えはしないでください（非表示の version 列は、取得後の変更の検出に使います）。',
    'Do not enter formulas, and do not add, delete or reorder rows or columns (the hidden version column detects changes made after download).',
  ],
  [
    'アップロードすると、まず確認画面（変更・エラー・競合）が表示されます。「反映」するまで何も書き込まれません。確認から24時間を過ぎると反映できません。',
    'Uploading first shows a dry run (changes, errors, conflicts). Nothing is written until you apply it; a dry run expires after 24 hours.',
  ],
];
