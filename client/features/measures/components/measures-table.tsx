import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeasureListItem } from '../../../../server/schemas/responses';
import { ProgressBar, StatusHealthCells } from '../../../components/badges';
import { DataTable } from '../../../components/data-table';
import type { DataTableColumn } from '../../../components/data-table';
import { formatDate, formatList } from '../../../lib/format';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';

/** Rows above which the table renders only what is on screen. */
const VIRTUALIZE_ABOVE = 100;
const ROW_HEIGHT = 44;

/** The columns in order; all but the fields sort (the list's `sort` parameter takes their keys). */
const COLUMNS = [
  { key: 'code', sortable: true },
  { key: 'title', sortable: true },
  { key: 'ministry', sortable: true },
  { key: 'fields', sortable: false },
  { key: 'status', sortable: true },
  { key: 'health', sortable: true },
  { key: 'progress', sortable: true, numeric: true },
  { key: 'targetDate', sortable: true },
  { key: 'updatedAt', sortable: true },
] as const;

export function MeasuresTable({
  items,
  sort,
  onSort,
}: {
  items: MeasureListItem[];
  sort: string;
  onSort: (sort: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = items.length > VIRTUALIZE_ABOVE;
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    enabled: virtual,
  });
  const sortKey = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');

  const columns: DataTableColumn[] = COLUMNS.map((c) => ({ ...c, label: t(`explorer.columns.${c.key}`) }));

  const row = (m: MeasureListItem) => (
    <tr key={m.code} data-code={m.code} style={virtual ? { height: ROW_HEIGHT } : undefined}>
      <td className="nowrap">
        <Link to={`/measures/${m.code}`}>{m.code}</Link>
      </td>
      <td lang={language} className="measure-title">
        {titleOf(m, language)}
        {/* Listed only when asked for (withdrawn=include|only, docs/decisions/024). */}
        {m.withdrawnOn && (
          <>
            {' '}
            <span className="badge badge-withdrawn" title={formatDate(m.withdrawnOn, language)}>
              {t('withdrawal.badge')}
            </span>
          </>
        )}
      </td>
      {/* Japanese ministry names are short; the English ones must wrap or they push columns off screen. */}
      <td className={language === 'ja' ? 'nowrap' : 'measure-ministry'}>{name('ministries', m.leadMinistry)}</td>
      <td className="measure-fields">
        {formatList(
          m.fields.map((f) => name('fields', f)),
          language,
        )}
      </td>
      <StatusHealthCells status={m.status} health={m.health} />
      <td className="num measure-progress">
        <ProgressBar value={m.progress} />
      </td>
      <td className="nowrap">{formatDate(m.targetDate, language)}</td>
      <td className="nowrap">{formatDate(m.updatedAt, language)}</td>
    </tr>
  );

  const virtualItems = virtual ? virtualizer.getVirtualItems() : [];
  const paddingTop = virtual ? (virtualItems[0]?.start ?? 0) : 0;
  const paddingBottom = virtual ? virtualizer.getTotalSize() - (virtualItems[virtualItems.length - 1]?.end ?? 0) : 0;

  return (
    <DataTable
      caption={t('explorer.title')}
      captionHidden
      columns={columns}
      nowrapHeader
      sort={{ key: sortKey, descending, onSort: (key, desc) => onSort(desc ? `-${key}` : key) }}
      rowCount={items.length + 1}
      scrollRef={scrollRef}
      scrollStyle={virtual ? { maxHeight: '70vh', overflow: 'auto' } : undefined}
      scrollFocusable={virtual}
      stickyHeader={virtual}
    >
      {paddingTop > 0 && (
        <tr aria-hidden="true">
          <td colSpan={COLUMNS.length} style={{ height: paddingTop, padding: 0, border: 0 }} />
        </tr>
      )}
      {virtual ? virtualItems.map((v) => (items[v.index] ? row(items[v.index] as MeasureListItem) : null)) : items.map(row)}
      {paddingBottom > 0 && (
        <tr aria-hidden="true">
          <td colSpan={COLUMNS.length} style={{ height: paddingBottom, padding: 0, border: 0 }} />
        </tr>
      )}
    </DataTable>
  );
}
