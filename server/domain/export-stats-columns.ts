import { HEALTHS, STATUSES } from '../../common/taxonomy';
import type { BreakdownRow, BurnupResponse, HeatmapCell } from '../schemas/responses';
import type { ExportColumn } from './export-cells';
import { milestoneColumns } from './export-columns';

// The statistics views flattened into columns: the rows are the statistics' own items (what the JSON
// export carries), so every figure is the one the dashboard shows.

export type BurnupPoint = BurnupResponse['points'][number];

function breakdownColumns(
  label: { ja: string; en: string },
  nameOf: 'field' | 'ministry',
): readonly ExportColumn<BreakdownRow>[] {
  return [
    { header: { ja: `${label.ja}コード`, en: `${label.en} code` }, kind: 'text', width: 18, value: (r) => r.code },
    { header: label, kind: 'text', width: 28, value: (r, n) => n[nameOf](r.code) },
    { header: { ja: '施策数', en: 'Measures' }, kind: 'integer', width: 10, value: (r) => r.total },
    ...STATUSES.map((s): ExportColumn<BreakdownRow> => ({
      header: { ja: `ステータス：${s.nameJa}`, en: `Status: ${s.nameEn}` },
      kind: 'integer',
      width: 12,
      value: (r) => r.byStatus[s.code] ?? 0,
    })),
    ...HEALTHS.map((h): ExportColumn<BreakdownRow> => ({
      header: { ja: `健全性：${h.nameJa}`, en: `Health: ${h.nameEn}` },
      kind: 'integer',
      width: 12,
      value: (r) => r.byHealth[h.code] ?? 0,
    })),
    {
      header: { ja: '期限までの進捗率', en: 'Progress toward the deadline' },
      kind: 'share',
      width: 14,
      value: (r) => r.progress,
    },
    { header: { ja: '全体の進捗率', en: 'Overall progress' }, kind: 'share', width: 12, value: (r) => r.overallProgress },
    ...milestoneColumns<BreakdownRow>((r) => r.milestones),
  ];
}

export const BY_FIELD_COLUMNS = breakdownColumns({ ja: '戦略分野', en: 'Field' }, 'field');
export const BY_MINISTRY_COLUMNS = breakdownColumns({ ja: '府省庁', en: 'Ministry' }, 'ministry');

export const HEATMAP_COLUMNS: readonly ExportColumn<HeatmapCell>[] = [
  { header: { ja: '戦略分野コード', en: 'Field code' }, kind: 'text', width: 18, value: (r) => r.field },
  { header: { ja: '戦略分野', en: 'Field' }, kind: 'text', width: 28, value: (r, n) => n.field(r.field) },
  { header: { ja: '府省庁コード', en: 'Ministry code' }, kind: 'text', width: 14, value: (r) => r.ministry },
  { header: { ja: '府省庁', en: 'Ministry' }, kind: 'text', width: 20, value: (r, n) => n.ministry(r.ministry) },
  { header: { ja: '施策数', en: 'Measures' }, kind: 'integer', width: 10, value: (r) => r.total },
  { header: { ja: '遅延・未更新', en: 'Behind (off track or stale)' }, kind: 'integer', width: 14, value: (r) => r.behind },
  { header: { ja: '期限までの進捗率', en: 'Progress toward the deadline' }, kind: 'share', width: 14, value: (r) => r.progress },
];

export const BURNUP_COLUMNS: readonly ExportColumn<BurnupPoint>[] = [
  { header: { ja: '日付', en: 'Date' }, kind: 'date', width: 12, value: (r) => r.date },
  { header: { ja: '計画', en: 'Planned' }, kind: 'share', width: 10, value: (r) => r.planned },
  { header: { ja: '実績', en: 'Completed' }, kind: 'share', width: 10, value: (r) => r.completed },
  { header: { ja: '理想線', en: 'Ideal' }, kind: 'share', width: 10, value: (r) => r.ideal },
  { header: { ja: '予測', en: 'Forecast' }, kind: 'share', width: 10, value: (r) => r.forecast ?? null },
];
