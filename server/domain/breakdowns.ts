import { behindCount, milestoneCounts, progress, progressTowardDeadline, tallyStates } from './derived-figures';
import type { MilestoneGroup } from './derived-figures';
import type { MatrixCell } from '../schemas/meeting-pack';
import type { BreakdownRow, HeatmapCell, TaxonomyItemDto } from '../schemas/responses';

// The rows of the by-field and by-ministry breakdowns and the cells of the field × ministry heat
// map, assembled from the grouped rows the statistics queries return. Pure: every figure in them is
// one of derived-figures.ts, applied to the rows that belong to the row or cell.

/** A taxonomy entry as the statistics name it: its database id, code and names. */
export interface NamedItem {
  id: number;
  code: string;
  nameJa: string;
  nameEn: string;
}

/** Measures counted by status and effective health, for one key (a field or ministry id; null overall). */
export interface KeyedStateCount {
  key: number | null;
  status: string;
  health: string;
  n: number;
}

export interface KeyedMilestoneGroup extends MilestoneGroup {
  key: number | null;
}

/** The deadline and as-of date every figure of a breakdown or heat map is computed for. */
export interface FigureDates {
  deadline: string;
  asOf: string;
}

/** An item's code and names, as the API shows a taxonomy entry (without its database id). */
export function codeAndNames({ code, nameJa, nameEn }: TaxonomyItemDto): TaxonomyItemDto {
  return { code, nameJa, nameEn };
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * One row per taxonomy item, in the items' order, including items no filtered measure belongs to
 * (their counts are zero): a breakdown always lists every field or ministry.
 */
export function breakdownRows(
  items: readonly NamedItem[],
  counts: readonly KeyedStateCount[],
  groups: readonly KeyedMilestoneGroup[],
  { deadline, asOf }: FigureDates,
): BreakdownRow[] {
  const countsByKey = groupBy(counts, (c) => c.key);
  const groupsByKey = groupBy(groups, (g) => g.key);
  return items.map((item) => {
    const g = groupsByKey.get(item.id) ?? [];
    return {
      ...codeAndNames(item),
      ...tallyStates(countsByKey.get(item.id) ?? []),
      progress: progressTowardDeadline(g, deadline, asOf),
      overallProgress: progress(g, asOf),
      milestones: milestoneCounts(g, asOf),
    };
  });
}

/** A (row, column) pair of any matrix: the ids of the row's and the column's taxonomy items. */
export interface MatrixKey {
  rowId: number;
  colId: number;
}

export interface MatrixStateCount extends MatrixKey {
  status: string;
  health: string;
  n: number;
}

export interface MatrixMilestoneGroup extends MilestoneGroup, MatrixKey {}

const matrixKey = ({ rowId, colId }: MatrixKey) => `${rowId}:${colId}`;

/**
 * The non-empty cells of a matrix (the heat map, the coverage matrices of docs/product.md §4
 * `/stats/matrix`), by row then column in the items' order. A cell without measures is left out,
 * even when milestone rows name it; `behind` and `progress` are those of the breakdowns.
 */
export function matrixCells(
  rows: readonly NamedItem[],
  cols: readonly NamedItem[],
  counts: readonly MatrixStateCount[],
  groups: readonly MatrixMilestoneGroup[],
  { deadline, asOf }: FigureDates,
): MatrixCell[] {
  const countsByCell = groupBy(counts, matrixKey);
  const groupsByCell = groupBy(groups, matrixKey);
  const cells: MatrixCell[] = [];
  for (const row of rows) {
    for (const col of cols) {
      const key = matrixKey({ rowId: row.id, colId: col.id });
      const tally = tallyStates(countsByCell.get(key) ?? []);
      if (tally.total === 0) continue;
      cells.push({
        row: row.code,
        col: col.code,
        total: tally.total,
        behind: behindCount(tally),
        progress: progressTowardDeadline(groupsByCell.get(key) ?? [], deadline, asOf),
      });
    }
  }
  return cells;
}

/**
 * The non-empty cells of the heat map, by field then ministry in the items' order: the field ×
 * ministry matrix (rows fields, columns ministries) under the heat map's names.
 */
export function heatmapCells(
  fields: readonly NamedItem[],
  ministries: readonly NamedItem[],
  counts: readonly MatrixStateCount[],
  groups: readonly MatrixMilestoneGroup[],
  dates: FigureDates,
): HeatmapCell[] {
  return matrixCells(fields, ministries, counts, groups, dates).map(({ row, col, ...figures }) => ({
    field: row,
    ministry: col,
    ...figures,
  }));
}
