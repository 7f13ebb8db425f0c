import type { CSSProperties, ReactNode, Ref } from 'react';

// Every table of the client: one caption, one header row of column headings (sortable ones are
// buttons, the active one carries aria-sort), the rows the caller writes, one set of CSS classes
// (client/styles/tables.css). Numeric columns align right on tabular figures (`numeric`).

export interface DataTableColumn {
  key: string;
  label: ReactNode;
  /** Right-aligned tabular figures, in the heading and (by the caller's `className="num"`) the cells. */
  numeric?: boolean;
  /** The heading is a button that sorts by this column (needs the table's `sort`). */
  sortable?: boolean;
  /** The empty corner above a column of row headings: a plain cell, not a heading without a name. */
  corner?: boolean;
  className?: string;
}

export interface DataTableSort {
  key: string;
  descending: boolean;
  /** Asked for a column: ascending first, descending when it is already the ascending sort. */
  onSort: (key: string, descending: boolean) => void;
}

/**
 * `small`: a smaller type, for tables of many rows or columns (the numbers behind a chart, the audit
 * trail); `nested`: a table inside a table's cell, lighter and tighter still.
 */
export type DataTableSize = 'normal' | 'small' | 'nested';

const SIZE_CLASS: Record<DataTableSize, string | undefined> = {
  normal: undefined,
  small: 'data-table-small',
  nested: 'data-table-nested',
};

interface DataTableProps {
  caption: ReactNode;
  /** The caption only for screen readers, where a heading or the page says what the table is. */
  captionHidden?: boolean;
  columns: readonly DataTableColumn[];
  /** The body's rows (`<tr>` elements). */
  children: ReactNode;
  size?: DataTableSize;
  /** Headings never wrap (short headings over wide columns, such as ステータス). */
  nowrapHeader?: boolean;
  sort?: DataTableSort;
  /**
   * Wraps the table in a box that scrolls sideways when it is wider than the page (default). Off where
   * the table already sits in a scrolling box, or inside another table.
   */
  scroll?: boolean;
  /** Extra classes on the table: a hook for a component's own cell styles (the heat map's). */
  className?: string;
  testId?: string;
  /** `aria-rowcount` (header row included), for a table that renders only some of its rows. */
  rowCount?: number;
  /** For a table that scrolls inside its box in both directions (a virtualized one): the box and its look. */
  scrollRef?: Ref<HTMLDivElement>;
  scrollStyle?: CSSProperties;
  /** The scroll box takes focus, so that a keyboard user can scroll it (WCAG 2.1.1). */
  scrollFocusable?: boolean;
  /** The header row stays in view while the rows scroll under it. */
  stickyHeader?: boolean;
}

function classes(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

export function DataTable({
  caption,
  captionHidden = false,
  columns,
  children,
  size = 'normal',
  nowrapHeader = false,
  sort,
  scroll = true,
  className,
  testId,
  rowCount,
  scrollRef,
  scrollStyle,
  scrollFocusable = false,
  stickyHeader = false,
}: DataTableProps) {
  const table = (
    <table
      className={classes('data-table', SIZE_CLASS[size], nowrapHeader && 'data-table-nowrap-header', className)}
      data-testid={testId}
      aria-rowcount={rowCount}
    >
      <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead style={stickyHeader ? { position: 'sticky', top: 0, zIndex: 1 } : undefined}>
        <tr>
          {columns.map((column) => (
            <HeaderCell key={column.key} column={column} sort={sort} />
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (!scroll) return table;
  return (
    <div ref={scrollRef} className="table-scroll" style={scrollStyle} tabIndex={scrollFocusable ? 0 : undefined}>
      {table}
    </div>
  );
}

function HeaderCell({ column, sort }: { column: DataTableColumn; sort: DataTableSort | undefined }) {
  const className = classes(column.numeric && 'num', column.className) || undefined;
  if (column.corner) return <td className={className} />;
  if (!column.sortable || !sort) {
    return (
      <th scope="col" className={className}>
        {column.label}
      </th>
    );
  }
  const active = sort.key === column.key;
  return (
    <th scope="col" className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort-button" onClick={() => sort.onSort(column.key, active && !sort.descending)}>
        {column.label}
        {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
}
