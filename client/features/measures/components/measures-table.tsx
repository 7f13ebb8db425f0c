import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeasureListItem } from '../../../../server/schemas/responses';
import { HealthBadge, ProgressBar, StatusBadge } from '../../../components/badges';
import { formatDate, formatList } from '../../../lib/format';
import { useLanguage, useNamer } from '../../../lib/meta';

/** Rows above which the table renders only what is on screen. */
const VIRTUALIZE_ABOVE = 100;
const ROW_HEIGHT = 44;

const SORTABLE: Record<string, string> = {
  code: 'code',
  title: 'title',
  ministry: 'ministry',
  status: 'status',
  health: 'health',
  progress: 'progress',
  targetDate: 'targetDate',
  updatedAt: 'updatedAt',
};

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

  const header = (key: keyof typeof SORTABLE | 'fields', className?: string) => {
    const label = t(`explorer.columns.${key}`);
    const sortable = key in SORTABLE;
    const active = sortable && sortKey === key;
    return (
      <th scope="col" className={className} aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
        {sortable ? (
          <button type="button" className="sort-button" onClick={() => onSort(active && !descending ? `-${key}` : key)}>
            {label}
            {active ? (descending ? ' ▼' : ' ▲') : ''}
          </button>
        ) : (
          label
        )}
      </th>
    );
  };

  const row = (m: MeasureListItem) => (
    <tr key={m.code} data-code={m.code} style={virtual ? { height: ROW_HEIGHT } : undefined}>
      <td className="nowrap">
        <Link to={`/measures/${m.code}`}>{m.code}</Link>
      </td>
      <td lang={language} className="measure-title">
        {language === 'en' ? m.titleEn : m.titleJa}
      </td>
      {/* Japanese ministry names are short; the English ones must wrap or they push columns off screen. */}
      <td className={language === 'ja' ? 'nowrap' : 'measure-ministry'}>{name('ministries', m.leadMinistry)}</td>
      <td className="measure-fields">
        {formatList(
          m.fields.map((f) => name('fields', f)),
          language,
        )}
      </td>
      <td>
        <StatusBadge status={m.status} />
      </td>
      <td>
        <HealthBadge health={m.health} />
      </td>
      <td className="num">
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
    <div
      ref={scrollRef}
      className="table-scroll"
      style={virtual ? { maxHeight: '70vh', overflow: 'auto' } : undefined}
      tabIndex={virtual ? 0 : undefined}
    >
      <table className="measures-table" aria-rowcount={items.length + 1}>
        <caption className="visually-hidden">{t('explorer.title')}</caption>
        <thead style={virtual ? { position: 'sticky', top: 0, zIndex: 1 } : undefined}>
          <tr>
            {header('code')}
            {header('title')}
            {header('ministry')}
            {header('fields')}
            {header('status')}
            {header('health')}
            {header('progress', 'num')}
            {header('targetDate')}
            {header('updatedAt')}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td colSpan={9} style={{ height: paddingTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {virtual ? virtualItems.map((v) => (items[v.index] ? row(items[v.index] as MeasureListItem) : null)) : items.map(row)}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={9} style={{ height: paddingBottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
