import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiCategory, KpiStatsResponse } from '../../../../server/schemas/follow-up';
import { DataTable } from '../../../components/data-table';
import { Panel } from '../../../components/panel';
import { QueryView } from '../../../components/query-view';
import type { Filters } from '../../../lib/filters';
import { formatNumber } from '../../../lib/format';
import { nameOf, useLanguage } from '../../../lib/meta';
import { kpiStatsQuery } from '../api/dashboard-queries';
import type { BreakdownDimension } from '../api/dashboard-queries';

// KPI progress categories (docs/product.md §4): how many KPIs are A (on pace), B (behind) or N (no
// data) per field or ministry, as the secretariat shows them. A table whose last column is a compact
// stacked bar: the numbers are the table's own cells, so the bar is decoration (aria-hidden) and
// the words are always written out beside the letters.

const CATEGORIES: readonly KpiCategory[] = ['A', 'B', 'N'];

export function KpiCategorySection({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const id = useId();
  const [by, setBy] = useState<BreakdownDimension>('field');
  const query = useQuery(kpiStatsQuery(by, filters));
  const title = t('followUpViews.kpiPanel');

  return (
    <Panel
      title={title}
      description={t('followUpViews.kpiPanelHelp')}
      testId="kpi-categories"
      actions={
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('followUpViews.kpiBy')}</legend>
          {(['field', 'ministry'] as const).map((d) => (
            <label key={d} className={by === d ? 'selected' : undefined}>
              <input type="radio" name={`${id}-by`} value={d} checked={by === d} onChange={() => setBy(d)} />
              {t(d === 'field' ? 'dashboard.byField' : 'dashboard.byMinistry')}
            </label>
          ))}
        </fieldset>
      }
    >
      <QueryView query={query} data={query.data} skeletonHeight={240} isEmpty={(data) => data.totals.total === 0}>
        {(data) => <KpiCategoryTable data={data} caption={`${title} · ${t(`filters.${by}`)}`} />}
      </QueryView>
    </Panel>
  );
}

function KpiCategoryTable({ data, caption }: { data: KpiStatsResponse; caption: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  // Rows without a KPI say nothing here; the totals still count every KPI once.
  const rows = data.items.filter((row) => row.total > 0);
  return (
    <DataTable
      caption={caption}
      captionHidden
      size="small"
      scroll={false}
      columns={[
        { key: 'row', label: t(`filters.${data.by}`) },
        ...CATEGORIES.map((c) => ({ key: c, label: t(`followUpViews.category.${c}`), numeric: true })),
        { key: 'total', label: t('common.total'), numeric: true },
        { key: 'bar', label: t('followUpViews.kpiShare') },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.code} data-code={row.code}>
          <th scope="row">{nameOf(row, language)}</th>
          {CATEGORIES.map((c) => (
            <td className="num" key={c}>
              {n(row[c])}
            </td>
          ))}
          <td className="num">{n(row.total)}</td>
          <td>
            <CategoryBar counts={row} />
          </td>
        </tr>
      ))}
      <tr className="total-row">
        <th scope="row">{t('common.total')}</th>
        {CATEGORIES.map((c) => (
          <td className="num" key={c} data-testid={`kpi-total-${c}`}>
            {n(data.totals[c])}
          </td>
        ))}
        <td className="num">{n(data.totals.total)}</td>
        <td>
          <CategoryBar counts={data.totals} />
        </td>
      </tr>
    </DataTable>
  );
}

function CategoryBar({ counts }: { counts: Record<KpiCategory | 'total', number> }) {
  if (counts.total === 0) return null;
  return (
    <span className="kpi-category-bar" aria-hidden="true">
      {CATEGORIES.map((c) =>
        counts[c] > 0 ? (
          <span key={c} className={`kpi-category-${c}`} style={{ flexGrow: counts[c] }}>
            {c}
          </span>
        ) : null,
      )}
    </span>
  );
}
