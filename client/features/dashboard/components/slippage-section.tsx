import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SlippageResponse } from '../../../../server/schemas/meeting-pack';
import { DataTable } from '../../../components/data-table';
import { DataTableToggle } from '../../../components/data-table-toggle';
import { Panel } from '../../../components/panel';
import { QueryView } from '../../../components/query-view';
import { explorerHref } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { formatNumber, formatPercent } from '../../../lib/format';
import { nameOf, useLanguage } from '../../../lib/meta';
import { slippageQuery } from '../api/slippage-queries';
import type { SlippageDimension } from '../api/slippage-queries';

// Schedule slippage per field or ministry (docs/decisions/012-due-date-history.md): the share of
// milestones whose due date, as known on the as-of date, stands later than their baseline. Each
// bar is a link to the measures behind it; the numbers (with the days slipped, total and median)
// are in the table view (数値を表で表示). Plain HTML bars: one number per row needs no chart library.

export function SlippageSection({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const id = useId();
  const [by, setBy] = useState<SlippageDimension>('field');
  const query = useQuery(slippageQuery(by, filters));
  const title = t('history.slippage');
  const byLabel = t(by === 'field' ? 'dashboard.byField' : 'dashboard.byMinistry');

  return (
    <Panel
      title={title}
      description={t('history.slippageHelp')}
      testId="slippage"
      actions={
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('history.slippageBy')}</legend>
          {(['field', 'ministry'] as const).map((d) => (
            <label key={d} className={by === d ? 'selected' : undefined}>
              <input type="radio" name={`${id}-by`} value={d} checked={by === d} onChange={() => setBy(d)} />
              {t(d === 'field' ? 'dashboard.byField' : 'dashboard.byMinistry')}
            </label>
          ))}
        </fieldset>
      }
    >
      <QueryView query={query} data={query.data} skeletonHeight={240} isEmpty={(data) => data.totals.milestones === 0}>
        {(data) => (
          <>
            <SlippageBars data={data} filters={filters} label={t('history.chartLabel', { title, by: byLabel })} />
            <DataTableToggle>
              <SlippageTable data={data} filters={filters} caption={t('history.chartLabel', { title, by: byLabel })} />
            </DataTableToggle>
          </>
        )}
      </QueryView>
    </Panel>
  );
}

type Row = SlippageResponse['items'][number];

function hrefOf(filters: Filters, by: SlippageDimension, code: string): string {
  return explorerHref(filters, { [by]: code });
}

function SlippageBars({ data, filters, label }: { data: SlippageResponse; filters: Filters; label: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // Rows without milestones have nothing to show; the table lists them all.
  const rows = data.items.filter((row) => row.milestones > 0);
  const widest = Math.max(...rows.map((r) => r.shareSlipped), 0.0001);
  return (
    <ul className="slippage-bars" aria-label={label}>
      {rows.map((row) => {
        const name = nameOf(row, language);
        return (
          <li key={row.code} data-code={row.code}>
            {/* The visible name and share stay the link's name (WCAG 2.5.3 label in name); the counts follow for screen readers. */}
            <Link to={hrefOf(filters, data.by, row.code)}>
              <span className="slippage-name">{name}</span>
              <span className="slippage-track" aria-hidden="true">
                <span className="slippage-bar" style={{ width: `${(row.shareSlipped / widest) * 100}%` }} />
              </span>
              <span className="slippage-value num">{formatPercent(row.shareSlipped, language)}</span>
              <span className="visually-hidden">{t('history.open', { slipped: row.slipped, milestones: row.milestones })}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function SlippageTable({ data, filters, caption }: { data: SlippageResponse; filters: Filters; caption: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const days = (v: number | null) => (v === null ? t('history.none') : t('history.days', { value: n(v) }));
  const cells = (row: Omit<Row, 'code' | 'nameJa' | 'nameEn'>) => (
    <>
      <td className="num">{n(row.milestones)}</td>
      <td className="num">{n(row.rescheduled)}</td>
      <td className="num">{n(row.slipped)}</td>
      <td className="num">{formatPercent(row.shareSlipped, language)}</td>
      <td className="num">{days(row.slipDaysTotal)}</td>
      <td className="num">{days(row.slipDaysMedian)}</td>
    </>
  );
  return (
    <DataTable
      caption={caption}
      size="small"
      scroll={false}
      columns={[
        { key: 'row', label: t(`filters.${data.by}`) },
        { key: 'milestones', label: t('history.milestones'), numeric: true },
        { key: 'rescheduled', label: t('history.rescheduled'), numeric: true },
        { key: 'slipped', label: t('history.slipped'), numeric: true },
        { key: 'share', label: t('history.shareSlipped'), numeric: true },
        { key: 'total', label: t('history.slipDaysTotal'), numeric: true },
        { key: 'median', label: t('history.slipDaysMedian'), numeric: true },
      ]}
    >
      {data.items.map((row) => (
        <tr key={row.code} data-code={row.code}>
          <th scope="row">
            <Link to={hrefOf(filters, data.by, row.code)}>{nameOf(row, language)}</Link>
          </th>
          {cells(row)}
        </tr>
      ))}
      <tr className="total-row">
        <th scope="row">{t('common.total')}</th>
        {cells(data.totals)}
      </tr>
    </DataTable>
  );
}
