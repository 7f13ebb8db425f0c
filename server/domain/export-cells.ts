import { jstWallClock } from '../../common/calendar';
import { HEALTHS, STATUSES } from '../../common/taxonomy';
import type { TaxonomyItem } from '../../common/taxonomy';

// How one value of an export becomes a cell: the kinds of column, their CSV text and their XLSX value
// and number format, the names of codes in the chosen language. Pure: no clock, no streams.

export type ExportLang = 'ja' | 'en';

/**
 * `date`: a calendar date (YYYY-MM-DD); `datetime`: an ISO instant, shown in Japan's time; `share`: a
 * fraction 0–1 (a percentage in Excel); `yen`: an amount of yen.
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'share' | 'yen' | 'date' | 'datetime';

export type CellValue = string | number | null;

export interface ExportColumn<R> {
  header: Record<ExportLang, string>;
  kind: ColumnKind;
  /** Width in Excel's character units. */
  width: number;
  value: (row: R, names: ExportNames) => CellValue;
}

/** Names of codes in the export's language. */
export interface ExportNames {
  lang: ExportLang;
  field: (code: string) => string;
  ministry: (code: string) => string;
  pillar: (code: string) => string;
  instrument: (code: string) => string;
  status: (code: string) => string;
  health: (code: string) => string;
  /** A list of names, joined the way the language joins them. */
  list: (names: readonly string[]) => string;
  yesNo: (value: boolean) => string;
}

export interface NameLists {
  fields: readonly TaxonomyItem[];
  ministries: readonly TaxonomyItem[];
  pillars: readonly TaxonomyItem[];
  instruments: readonly TaxonomyItem[];
}

function lookup(items: readonly TaxonomyItem[], lang: ExportLang): (code: string) => string {
  const byCode = new Map(items.map((item) => [item.code, lang === 'ja' ? item.nameJa : item.nameEn]));
  // An unknown code (a taxonomy edited meanwhile) is shown as itself rather than lost.
  return (code) => byCode.get(code) ?? code;
}

export function exportNames(lists: NameLists, lang: ExportLang): ExportNames {
  return {
    lang,
    field: lookup(lists.fields, lang),
    ministry: lookup(lists.ministries, lang),
    pillar: lookup(lists.pillars, lang),
    instrument: lookup(lists.instruments, lang),
    status: lookup(STATUSES, lang),
    health: lookup(HEALTHS, lang),
    list: (names) => names.join(lang === 'ja' ? '、' : ', '),
    yesNo: (value) => (lang === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'yes' : 'no'),
  };
}

/** What a spreadsheet would read as a formula (OWASP "CSV injection"): =, +, -, @, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet would run as a formula gets a leading single quote, which Excel shows as a
 * plain-text marker: the cell reads the same to a person and computes nothing.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** An instant as Japan's wall-clock time, `YYYY-MM-DD HH:mm` (what the screens show). */
export function jstDateTime(instant: string): string {
  return jstWallClock(instant).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The CSV text of a cell. Only text cells are neutralised: in CSV every cell is text, but a number we
 * write (a negative budget, a −0.5 change) must stay a number when Excel reads it back, and numbers
 * cannot carry a formula, so they are written as they are.
 */
export function csvCell(kind: ColumnKind, value: CellValue): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  if (kind === 'datetime') return jstDateTime(value);
  return neutraliseFormula(value);
}

/**
 * The XLSX value of a cell: numbers as numbers, dates as real dates. Excel has no time zones, so an
 * instant is written as Japan's wall-clock time (its UTC fields carry the JST time).
 */
export function xlsxCell(kind: ColumnKind, value: CellValue): string | number | Date | null {
  if (value === null || typeof value === 'number') return value;
  if (kind === 'date') return new Date(`${value}T00:00:00.000Z`);
  if (kind === 'datetime') return jstWallClock(value);
  return value;
}

export const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  share: '0.0%',
  yen: '#,##0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};
