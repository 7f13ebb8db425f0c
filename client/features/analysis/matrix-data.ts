import type { MatrixCell, MatrixResponse } from '../../../server/schemas/meeting-pack';
import type { TaxonomyItemDto } from '../../../server/schemas/responses';
import type { MultiFilterKey } from '../../lib/filters';
import type { Language } from '../../lib/i18n';

// The analysis page's matrices (docs/product.md §5 「分析」) as rows of cells, coloured like the
// dashboard's heat map (the same scale, copied here: features do not import one another).

export interface MatrixGridCell extends MatrixCell {
  /** behind / total: what the colour encodes. */
  share: number;
  background: string;
  color: string;
  /** The explorer filters that list exactly this cell's measures. */
  link: Partial<Record<MultiFilterKey, string>>;
}

export interface MatrixGridAxisItem {
  code: string;
  /** What a column header shows: short enough for fourteen columns. */
  label: string;
  name: string;
}

export interface MatrixGridRow extends MatrixGridAxisItem {
  /** One entry per column, null where no measure belongs to both (a gap in a coverage matrix). */
  cells: (MatrixGridCell | null)[];
  gaps: number;
  /** The explorer filter of the row alone. */
  link: Partial<Record<MultiFilterKey, string>>;
}

export interface MatrixGrid {
  columns: MatrixGridAxisItem[];
  rows: MatrixGridRow[];
  gaps: number;
}

// ColorBrewer Oranges, as the heat map: lightness alone carries the value (any colour vision, greyscale).
const HEAT_STOPS: readonly (readonly [number, readonly [number, number, number]])[] = [
  [0, [0xfe, 0xf6, 0xec]],
  [0.25, [0xfd, 0xd0, 0xa2]],
  [0.5, [0xfd, 0x8d, 0x3c]],
  [0.75, [0xd9, 0x48, 0x01]],
  [1, [0x7f, 0x27, 0x04]],
];

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The colour of a share 0..1 (clamped). */
export function shareColor(share: number): string {
  const s = Math.min(1, Math.max(0, share));
  for (let i = 1; i < HEAT_STOPS.length; i++) {
    const [hi, hiRgb] = HEAT_STOPS[i] ?? [1, [0, 0, 0]];
    const [lo, loRgb] = HEAT_STOPS[i - 1] ?? [0, [0, 0, 0]];
    if (s <= hi) {
      const t = hi === lo ? 0 : (s - lo) / (hi - lo);
      return hex(loRgb.map((c, k) => c + ((hiRgb[k] ?? c) - c) * t));
    }
  }
  return hex(HEAT_STOPS[HEAT_STOPS.length - 1]?.[1] ?? [0, 0, 0]);
}

/** Black or white text, whichever contrasts more with `background` (WCAG relative luminance). */
export function textColorOn(background: string): string {
  const channel = (i: number) => {
    const c = parseInt(background.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#1a1a1a' : '#ffffff';
}

export function legendSwatches(language: Language): { share: number; color: string; label: string }[] {
  const format = new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
  return [0, 0.25, 0.5, 0.75, 1].map((share) => ({ share, color: shareColor(share), label: format.format(share) }));
}

function localName(item: TaxonomyItemDto, language: Language): string {
  return language === 'en' ? item.nameEn : item.nameJa;
}

// The customary English abbreviations of the two ministries whose codes are not (the heat map's).
const ENGLISH_ABBREVIATIONS: Record<string, string> = { env: 'MOE', digital: 'DA' };

function columnLabel(kind: MatrixResponse['colKind'], item: TaxonomyItemDto, language: Language): string {
  if (kind !== 'ministry') return localName(item, language);
  return language === 'en' ? (ENGLISH_ABBREVIATIONS[item.code] ?? item.code.toUpperCase()) : item.nameJa;
}

/**
 * The explorer filters of a cell: the row's and the column's own list filter. In the co-ownership
 * matrix the column is the partner (`ministry=a&partner=b`: what a and b both own), and the diagonal
 * is the ministry alone.
 */
export function cellLink(rowKind: MatrixResponse['rowKind'], colKind: MatrixResponse['colKind'], row: string, col: string) {
  if (rowKind === 'ministry') return row === col ? { ministry: row } : { ministry: row, partner: col };
  return { [rowKind]: row, [colKind]: col } as Partial<Record<MultiFilterKey, string>>;
}

/** The filter that narrows an axis (the co-ownership columns are partners). */
export function axisFilter(response: Pick<MatrixResponse, 'rowKind' | 'colKind'>, axis: 'rows' | 'cols'): MultiFilterKey {
  if (axis === 'rows') return response.rowKind;
  return response.rowKind === 'ministry' ? 'partner' : response.colKind;
}

/**
 * The matrix as rows of cells. Rows and columns are every item of their axis, in taxonomy order (a
 * coverage gap is only visible beside the rest), narrowed to the items the filters name when they
 * name some on that axis.
 */
export function matrixGrid(
  response: MatrixResponse,
  language: Language,
  only: { rows?: readonly string[]; cols?: readonly string[] } = {},
): MatrixGrid {
  const byKey = new Map(response.cells.map((c) => [`${c.row}\u0000${c.col}`, c]));
  const onlyRows = only.rows ?? [];
  const onlyCols = only.cols ?? [];
  const rowItems = response.rows.filter((r) => onlyRows.length === 0 || onlyRows.includes(r.code));
  const colItems = response.cols.filter((c) => onlyCols.length === 0 || onlyCols.includes(c.code));
  const columns = colItems.map((c) => ({
    code: c.code,
    label: columnLabel(response.colKind, c, language),
    name: localName(c, language),
  }));
  const rows = rowItems.map((r): MatrixGridRow => {
    const cells = colItems.map((c): MatrixGridCell | null => {
      const cell = byKey.get(`${r.code}\u0000${c.code}`);
      if (!cell) return null;
      const share = cell.total > 0 ? cell.behind / cell.total : 0;
      const background = shareColor(share);
      return {
        ...cell,
        share,
        background,
        color: textColorOn(background),
        link: cellLink(response.rowKind, response.colKind, r.code, c.code),
      };
    });
    return {
      code: r.code,
      label: localName(r, language),
      name: localName(r, language),
      cells,
      gaps: cells.filter((c) => c === null).length,
      link: { [response.rowKind]: r.code },
    };
  });
  return { columns, rows, gaps: rows.reduce((n, r) => n + r.gaps, 0) };
}
