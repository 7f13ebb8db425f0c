import { isIsoDate } from '../../common/calendar';
import type { ReportedHealthCode, StatusCode } from '../../common/taxonomy';
import { rowMessages } from './import-messages';
import { healthOfCell, statusOfCell } from './import-sheet';
import type { ColumnKey, ImportLang } from './import-sheet';

// From the rows of an uploaded survey form to the reports it asks for (docs/product.md §4), pure:
// the measures' current states come in as arguments. A measure row and the milestone rows below
// it make one report; a row that asks for nothing new makes none. Whether the report itself is
// acceptable (lengths, URL, milestone dates) is then checked by the write path's own rules.

export interface RawRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
}

/** What the rows are checked against: a measure as it is now. */
export interface MeasureState {
  code: string;
  leadMinistry: string;
  version: number;
  status: string;
  reportedHealth: string | null;
  /** May the uploader report on it at all (their own ministry's, or an admin)? */
  writable: boolean;
  /** The day its standing withdrawal (廃止) took effect: read-only until restored (docs/decisions/024). */
  withdrawnOn: string | null;
}

export interface RowError {
  row: number;
  column: ColumnKey | null;
  message: string;
}

export interface RowConflict {
  row: number;
  code: string;
  message: string;
}

/** A report the form asks for, before the write path's rules have checked it. */
export interface CandidateReport {
  row: number;
  code: string;
  version: number;
  body: {
    status: StatusCode | undefined;
    health: ReportedHealthCode | undefined;
    note: string;
    evidenceUrl: string | null;
    milestonesCompleted: { milestoneId: number; completedDate: string }[];
  };
  /** The sheet row of each completed milestone, for errors on its date. */
  milestoneRows: number[];
}

export interface EvaluatedRows {
  candidates: CandidateReport[];
  unchanged: number;
  errors: RowError[];
  conflicts: RowConflict[];
}

interface Group {
  measure: RawRow;
  milestones: RawRow[];
}

function cell(row: RawRow, key: ColumnKey): string {
  return (row.cells[key] ?? '').trim();
}

/** A date typed as 2026-11-20 or 2026/11/20 (what Excel shows for a typed date). */
export function dateOfCell(value: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value);
  if (!m) return null;
  const iso = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Groups each measure row with the milestone rows below it; rows that fit nowhere are errors. */
function groupRows(rows: readonly RawRow[], lang: ImportLang, errors: RowError[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const code = cell(row, 'code').toUpperCase();
    if (code === '') continue;
    const milestone = cell(row, 'milestoneId');
    if (milestone === '') {
      if (groups.has(code)) errors.push({ row: row.row, column: 'code', message: rowMessages.duplicate(code)[lang] });
      else groups.set(code, { measure: row, milestones: [] });
      continue;
    }
    const group = groups.get(code);
    if (!group) errors.push({ row: row.row, column: 'code', message: rowMessages.measureRowMissing(code)[lang] });
    else group.milestones.push(row);
  }
  return groups;
}

function completions(group: Group, lang: ImportLang, errors: RowError[]) {
  const done: { milestoneId: number; completedDate: string }[] = [];
  const rows: number[] = [];
  for (const m of group.milestones) {
    for (const key of ['newStatus', 'newHealth', 'note', 'evidenceUrl'] as const) {
      if (cell(m, key) !== '') errors.push({ row: m.row, column: key, message: rowMessages.milestoneOnly()[lang] });
    }
    const id = cell(m, 'milestoneId');
    if (!/^\d{1,12}$/.test(id)) {
      errors.push({ row: m.row, column: 'milestoneId', message: rowMessages.badMilestoneId()[lang] });
      continue;
    }
    const value = cell(m, 'completedDate');
    if (value === '') continue;
    const date = dateOfCell(value);
    if (date === null) errors.push({ row: m.row, column: 'completedDate', message: rowMessages.badDate(value)[lang] });
    else {
      done.push({ milestoneId: Number(id), completedDate: date });
      rows.push(m.row);
    }
  }
  return { done, rows };
}

/**
 * Checks every row against the measures' states: who may report on which measure, the labels of
 * the drop-downs, dates, and the version each row was downloaded at. An unchanged measure is
 * counted, not reported; a changed one whose version moved on since is a conflict.
 */
export function evaluateRows(
  rows: readonly RawRow[],
  states: ReadonlyMap<string, MeasureState>,
  ministry: string | null,
  lang: ImportLang,
): EvaluatedRows {
  const errors: RowError[] = [];
  const conflicts: RowConflict[] = [];
  const candidates: CandidateReport[] = [];
  let unchanged = 0;
  for (const [code, group] of groupRows(rows, lang, errors)) {
    const { measure } = group;
    const at = (column: ColumnKey, message: string) => errors.push({ row: measure.row, column, message });
    const state = states.get(code);
    if (!state) {
      at('code', rowMessages.unknownMeasure(code)[lang]);
      continue;
    }
    if (ministry !== null && state.leadMinistry !== ministry) {
      at('code', rowMessages.otherMinistry(code, ministry)[lang]);
      continue;
    }
    if (!state.writable) {
      at('code', rowMessages.notYours(code)[lang]);
      continue;
    }
    if (state.withdrawnOn !== null) {
      at('code', rowMessages.withdrawn(code, state.withdrawnOn)[lang]);
      continue;
    }
    const errorCount = errors.length;
    if (cell(measure, 'completedDate') !== '') at('completedDate', rowMessages.measureOnly()[lang]);
    const statusText = cell(measure, 'newStatus');
    const healthText = cell(measure, 'newHealth');
    const status = statusText === '' ? undefined : statusOfCell(statusText);
    const health = healthText === '' ? undefined : healthOfCell(healthText);
    if (status === null) at('newStatus', rowMessages.badStatus(statusText)[lang]);
    if (health === null) at('newHealth', rowMessages.badHealth(healthText)[lang]);
    const versionText = cell(measure, 'version');
    const version = /^\d{1,9}$/.test(versionText) ? Number(versionText) : null;
    if (version === null) at('version', rowMessages.badVersion()[lang]);
    const { done, rows: milestoneRows } = completions(group, lang, errors);
    if (errors.length > errorCount || status === null || health === null || version === null) continue;

    const note = cell(measure, 'note');
    const evidenceUrl = cell(measure, 'evidenceUrl');
    const same =
      (status === undefined || status === state.status) &&
      (health === undefined || health === state.reportedHealth) &&
      note === '' &&
      evidenceUrl === '' &&
      done.length === 0;
    if (same) {
      unchanged += 1;
      continue;
    }
    if (version !== state.version) {
      conflicts.push({ row: measure.row, code, message: rowMessages.conflict(code, version, state.version)[lang] });
      continue;
    }
    candidates.push({
      row: measure.row,
      code,
      version,
      body: { status, health, note, evidenceUrl: evidenceUrl === '' ? null : evidenceUrl, milestonesCompleted: done },
      milestoneRows,
    });
  }
  return { candidates, unchanged, errors, conflicts };
}

/** The sheet column of a problem the write path found in a report body (its issue path). */
export function columnOfIssue(path: readonly (string | number)[]): ColumnKey | null {
  const [head] = path;
  if (head === 'status') return 'newStatus';
  if (head === 'health') return 'newHealth';
  if (head === 'note') return 'note';
  if (head === 'evidenceUrl') return 'evidenceUrl';
  if (head === 'milestonesCompleted') return path[2] === 'milestoneId' ? 'milestoneId' : 'completedDate';
  return null;
}
