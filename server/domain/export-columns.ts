import type { MeasureListItem, ReportDto } from '../schemas/responses';
import type { ReviewState } from '../schemas/follow-up';
import { progressTowardDeadline } from './derived-figures';
import type { ExportColumn } from './export-cells';
import { measureListItemView } from './measure-views';
import type { MeasureListRecord, MeasureViewDates } from './measure-views';

// The rows and columns of the measure and report exports. A row is what the JSON export carries
// (codes, both titles); the columns say how the CSV and XLSX show it in one language.

/** What the list does not show of a measure's plan, but its export does. */
export interface MeasurePlan {
  startDate: string | null;
  budgetYen: number | null;
  budgetFiscalYear: number | null;
  ownerName: string;
  kpiJa: string;
  kpiEn: string;
  version: number;
}

/** What an export of the list reads per measure: the list's own record and the rest of the plan. */
export interface MeasureExportRecord extends MeasureListRecord {
  plan: MeasurePlan;
}

/** One measure of the export: the list's item as the explorer shows it, and the rest of its plan. */
export interface MeasureExportRow extends MeasureListItem, MeasurePlan {
  /** Progress toward the deadline in force (docs/product.md §3), as the dashboard computes it. */
  progressTowardDeadline: number;
}

export function measureExportRow(
  record: MeasureExportRecord,
  view: Pick<MeasureViewDates, 'asOf' | 'historical'>,
  deadline: string,
): MeasureExportRow {
  return {
    ...measureListItemView(record, view),
    progressTowardDeadline: progressTowardDeadline(record.milestones, deadline, view.asOf),
    ...record.plan,
  };
}

/** Milestones in all, done and overdue as of the view: the same three columns wherever they are counted. */
export function milestoneColumns<R>(
  counts: (row: R) => { total: number; done: number; overdue: number },
): readonly ExportColumn<R>[] {
  return [
    { header: { ja: 'マイルストーン数', en: 'Milestones' }, kind: 'integer', width: 12, value: (r) => counts(r).total },
    { header: { ja: '完了マイルストーン', en: 'Milestones done' }, kind: 'integer', width: 12, value: (r) => counts(r).done },
    {
      header: { ja: '期限超過マイルストーン', en: 'Milestones overdue' },
      kind: 'integer',
      width: 12,
      value: (r) => counts(r).overdue,
    },
  ];
}

export const MEASURE_COLUMNS: readonly ExportColumn<MeasureExportRow>[] = [
  { header: { ja: '施策コード', en: 'Code' }, kind: 'text', width: 14, value: (r) => r.code },
  {
    header: { ja: '施策名', en: 'Title' },
    kind: 'text',
    width: 48,
    value: (r, n) => (n.lang === 'ja' ? r.titleJa : r.titleEn),
  },
  { header: { ja: '主担当府省庁', en: 'Lead ministry' }, kind: 'text', width: 18, value: (r, n) => n.ministry(r.leadMinistry) },
  {
    header: { ja: '共管府省庁', en: 'Co-ministries' },
    kind: 'text',
    width: 24,
    value: (r, n) => n.list(r.coMinistries.map(n.ministry)),
  },
  {
    header: { ja: '戦略分野（主分野が先頭）', en: 'Fields (primary first)' },
    kind: 'text',
    width: 32,
    value: (r, n) => n.list(r.fields.map(n.field)),
  },
  { header: { ja: '施策の柱', en: 'Pillar' }, kind: 'text', width: 24, value: (r, n) => n.pillar(r.pillar) },
  {
    header: { ja: '支援手段', en: 'Instruments' },
    kind: 'text',
    width: 24,
    value: (r, n) => n.list(r.instruments.map(n.instrument)),
  },
  { header: { ja: 'ステータス', en: 'Status' }, kind: 'text', width: 12, value: (r, n) => n.status(r.status) },
  { header: { ja: '健全性', en: 'Health' }, kind: 'text', width: 12, value: (r, n) => n.health(r.health) },
  { header: { ja: '未更新', en: 'Stale' }, kind: 'text', width: 8, value: (r, n) => n.yesNo(r.stale) },
  { header: { ja: '進捗率', en: 'Progress' }, kind: 'share', width: 10, value: (r) => r.progress },
  {
    header: { ja: '期限までの進捗率', en: 'Progress toward the deadline' },
    kind: 'share',
    width: 14,
    value: (r) => r.progressTowardDeadline,
  },
  ...milestoneColumns<MeasureExportRow>((r) => r.milestones),
  { header: { ja: '開始日', en: 'Start date' }, kind: 'date', width: 12, value: (r) => r.startDate },
  { header: { ja: '目標日', en: 'Target date' }, kind: 'date', width: 12, value: (r) => r.targetDate },
  { header: { ja: '予算額（円）', en: 'Budget (yen)' }, kind: 'yen', width: 16, value: (r) => r.budgetYen },
  { header: { ja: '予算年度', en: 'Budget fiscal year' }, kind: 'integer', width: 10, value: (r) => r.budgetFiscalYear },
  { header: { ja: '担当者', en: 'Owner' }, kind: 'text', width: 18, value: (r) => r.ownerName },
  { header: { ja: 'KPI', en: 'KPI' }, kind: 'text', width: 40, value: (r, n) => (n.lang === 'ja' ? r.kpiJa : r.kpiEn) },
  { header: { ja: '最終報告日時', en: 'Last reported (JST)' }, kind: 'datetime', width: 17, value: (r) => r.lastReportedAt },
  { header: { ja: '次回報告期限', en: 'Next report due (JST)' }, kind: 'datetime', width: 17, value: (r) => r.reportDueAt },
  { header: { ja: '更新日時', en: 'Updated (JST)' }, kind: 'datetime', width: 17, value: (r) => r.updatedAt },
  { header: { ja: '版', en: 'Version' }, kind: 'integer', width: 6, value: (r) => r.version },
  // Empty unless the export asked for withdrawn measures (`withdrawn=include|only`, decision 024).
  { header: { ja: '廃止日', en: 'Withdrawn on' }, kind: 'date', width: 12, value: (r) => r.withdrawnOn },
];

/** A milestone a report completed, named so that the export can be read without the measure page. */
export interface CompletedMilestone {
  milestoneId: number;
  titleJa: string;
  titleEn: string;
  completedDate: string;
}

/** One status report of the report export, with the measure it belongs to, its round and its review. */
export interface ReportExportRow extends Omit<ReportDto, 'milestonesCompleted'> {
  code: string;
  titleJa: string;
  titleEn: string;
  milestonesCompleted: CompletedMilestone[];
}

export const REPORT_COLUMNS: readonly ExportColumn<ReportExportRow>[] = [
  { header: { ja: '施策コード', en: 'Code' }, kind: 'text', width: 14, value: (r) => r.code },
  {
    header: { ja: '施策名', en: 'Title' },
    kind: 'text',
    width: 48,
    value: (r, n) => (n.lang === 'ja' ? r.titleJa : r.titleEn),
  },
  { header: { ja: '報告日時', en: 'Reported at (JST)' }, kind: 'datetime', width: 17, value: (r) => r.reportedAt },
  { header: { ja: '報告者', en: 'Reporter' }, kind: 'text', width: 24, value: (r) => r.reporter },
  { header: { ja: 'ステータス', en: 'Status' }, kind: 'text', width: 12, value: (r, n) => n.status(r.status) },
  { header: { ja: '健全性', en: 'Health' }, kind: 'text', width: 12, value: (r, n) => n.health(r.health) },
  { header: { ja: '報告内容', en: 'Note' }, kind: 'text', width: 60, value: (r) => r.note },
  { header: { ja: 'エビデンスURL', en: 'Evidence URL' }, kind: 'text', width: 32, value: (r) => r.evidenceUrl },
  {
    header: { ja: '完了したマイルストーン', en: 'Milestones completed' },
    kind: 'text',
    width: 40,
    value: (r, n) => n.list(r.milestonesCompleted.map((m) => `${n.lang === 'ja' ? m.titleJa : m.titleEn} (${m.completedDate})`)),
  },
  // The follow-up round (docs/product.md §4): which round the report answered, and the secretariat's review of it.
  { header: { ja: '照会', en: 'Round' }, kind: 'text', width: 14, value: (r) => r.roundCode },
  {
    header: { ja: '期限後の提出', en: 'Late' },
    kind: 'text',
    width: 10,
    value: (r, n) => (r.roundCode === null ? null : n.yesNo(r.late)),
  },
  { header: { ja: '確認状態', en: 'Review' }, kind: 'text', width: 10, value: (r, n) => REVIEW_LABELS[r.review.state][n.lang] },
  { header: { ja: '確認コメント', en: 'Review comment' }, kind: 'text', width: 40, value: (r) => r.review.comment },
  { header: { ja: '確認者', en: 'Reviewer' }, kind: 'text', width: 24, value: (r) => r.review.reviewer },
  { header: { ja: '確認日時', en: 'Reviewed at (JST)' }, kind: 'datetime', width: 17, value: (r) => r.review.reviewedAt },
];

const REVIEW_LABELS: Readonly<Record<ReviewState, { ja: string; en: string }>> = {
  submitted: { ja: '確認待ち', en: 'Submitted' },
  accepted: { ja: '受理', en: 'Accepted' },
  returned: { ja: '差し戻し', en: 'Returned' },
};
