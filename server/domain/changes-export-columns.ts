import type { ChangeItem, ChangeKind } from '../schemas/meeting-pack';
import { jstDateTime } from './export-cells';
import type { ExportColumn, ExportNames } from './export-cells';

// The changes view flattened into columns (docs/decisions/014-changes-between-instants.md): one row
// per item of GET /changes, in its order, with the kinds, statuses and healths named in the export's
// language. The JSON export carries the items themselves.

export const CHANGE_KIND_LABELS: Readonly<Record<ChangeKind, { ja: string; en: string }>> = {
  status_changed: { ja: 'ステータスの変化', en: 'Status changed' },
  health_improved: { ja: '健全性の改善', en: 'Health improved' },
  health_worsened: { ja: '健全性の悪化', en: 'Health worsened' },
  milestone_completed: { ja: 'マイルストーン完了', en: 'Milestone completed' },
  milestone_slipped: { ja: 'マイルストーンの期日延期', en: 'Milestone slipped' },
  newly_overdue: { ja: '新たに期日超過', en: 'Newly overdue' },
  newly_stale: { ja: '新たに未更新', en: 'Newly stale' },
  measure_added: { ja: '施策の追加', en: 'Measure added' },
  kpi_category_changed: { ja: 'KPI区分の変化', en: 'KPI category changed' },
};

/** A before / after value in words: statuses and healths by name, dates and KPI categories as they are. */
function valueInWords(item: ChangeItem, value: string | null, names: ExportNames): string | null {
  if (value === null) return null;
  if (item.kind === 'status_changed' || item.kind === 'measure_added') return names.status(value);
  if (item.kind === 'health_improved' || item.kind === 'health_worsened' || item.kind === 'newly_stale') {
    return names.health(value);
  }
  return value;
}

/** An item's date: a calendar date as it is, an instant in Japan's time. */
function dateInWords(date: string): string {
  return date.length === 10 ? date : jstDateTime(date);
}

export const CHANGE_COLUMNS: readonly ExportColumn<ChangeItem>[] = [
  { header: { ja: '変化の種類', en: 'Change' }, kind: 'text', width: 24, value: (r, n) => CHANGE_KIND_LABELS[r.kind][n.lang] },
  { header: { ja: '種類コード', en: 'Change code' }, kind: 'text', width: 20, value: (r) => r.kind },
  { header: { ja: '施策コード', en: 'Measure code' }, kind: 'text', width: 14, value: (r) => r.measure.code },
  {
    header: { ja: '施策名', en: 'Measure' },
    kind: 'text',
    width: 40,
    value: (r, n) => (n.lang === 'ja' ? r.measure.titleJa : r.measure.titleEn),
  },
  {
    header: { ja: '主務府省庁', en: 'Lead ministry' },
    kind: 'text',
    width: 20,
    value: (r, n) => n.ministry(r.measure.leadMinistry),
  },
  {
    header: { ja: '主な戦略分野', en: 'Primary field' },
    kind: 'text',
    width: 24,
    value: (r, n) => (r.measure.primaryField === null ? null : n.field(r.measure.primaryField)),
  },
  {
    header: { ja: 'マイルストーン・KPI', en: 'Milestone or KPI' },
    kind: 'text',
    width: 32,
    value: (r, n) => {
      const named = r.milestone
        ? { ja: r.milestone.titleJa, en: r.milestone.titleEn }
        : r.kpi
          ? { ja: r.kpi.nameJa, en: r.kpi.nameEn }
          : null;
      return named ? named[n.lang] : null;
    },
  },
  { header: { ja: '日付', en: 'Date (JST)' }, kind: 'text', width: 18, value: (r) => dateInWords(r.date) },
  { header: { ja: '変化前', en: 'Before' }, kind: 'text', width: 14, value: (r, n) => valueInWords(r, r.before, n) },
  { header: { ja: '変化後', en: 'After' }, kind: 'text', width: 14, value: (r, n) => valueInWords(r, r.after, n) },
  { header: { ja: '延期日数', en: 'Days slipped' }, kind: 'integer', width: 10, value: (r) => r.slipDays },
];
