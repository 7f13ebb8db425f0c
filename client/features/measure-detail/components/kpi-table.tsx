import { useTranslation } from 'react-i18next';
import type { KpiCategory, KpiDto } from '../../../../server/schemas/follow-up';
import { DataTable } from '../../../components/data-table';
import { Panel } from '../../../components/panel';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { KpiChart } from './kpi-chart';

// A measure's structured KPIs (docs/product.md §4): baseline → target, the latest observation, and
// the progress category — the one shown (confirmed by the secretariat, else computed by the pacing
// rule) with the computed one beside it when they differ, and the reason given for the confirmation.

export function KpiTable({ kpis }: { kpis: KpiDto[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  if (kpis.length === 0) return null;
  return (
    <Panel title={t('followUpViews.kpis')} description={t('followUpViews.kpisHelp')} variant="plain" testId="kpi-table">
      <DataTable
        caption={t('followUpViews.kpis')}
        captionHidden
        columns={[
          { key: 'name', label: t('followUpViews.kpiName') },
          { key: 'unit', label: t('followUpViews.kpiUnit') },
          { key: 'plan', label: t('followUpViews.kpiPlan') },
          { key: 'latest', label: t('followUpViews.kpiLatest') },
          { key: 'category', label: t('followUpViews.kpiCategory') },
          { key: 'reason', label: t('followUpViews.kpiReason') },
          { key: 'chart', label: t('followUpViews.kpiChart') },
        ]}
      >
        {kpis.map((kpi) => {
          const latest = kpi.observations.at(-1);
          return (
            <tr key={kpi.id} data-kpi={kpi.id}>
              <th scope="row">{language === 'en' ? kpi.nameEn : kpi.nameJa}</th>
              <td>{kpi.unit}</td>
              <td className="nowrap">
                {n(kpi.baselineValue)} <span className="muted small">({formatDate(kpi.baselineDate, language)})</span>
                {' → '}
                {n(kpi.targetValue)} <span className="muted small">({formatDate(kpi.targetDate, language)})</span>
                <div className="muted small">{t(`followUpViews.direction.${kpi.direction}`)}</div>
              </td>
              <td className="nowrap" data-testid="kpi-latest">
                {latest ? (
                  <>
                    {n(latest.value)} <span className="muted small">({formatDate(latest.observedOn, language)})</span>
                  </>
                ) : (
                  <span className="muted">{t('followUpViews.kpiNoObservation')}</span>
                )}
              </td>
              <td data-testid="kpi-category">
                <CategoryBadge category={kpi.category} />
                {kpi.category !== kpi.computedCategory && (
                  <div className="muted small">
                    {t('followUpViews.computed', { category: t(`followUpViews.category.${kpi.computedCategory}`) })}
                  </div>
                )}
                {!kpi.confirmation && <div className="muted small">{t('followUpViews.unconfirmed')}</div>}
              </td>
              <td data-testid="kpi-reason">
                {kpi.confirmation ? (
                  <>
                    {kpi.confirmation.reason || <span className="muted">—</span>}
                    <div className="muted small">
                      {kpi.confirmation.actor} · {formatDateTime(kpi.confirmation.confirmedAt, language)}
                    </div>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <KpiChart kpi={kpi} />
              </td>
            </tr>
          );
        })}
      </DataTable>
    </Panel>
  );
}

function CategoryBadge({ category }: { category: KpiCategory }) {
  const { t } = useTranslation();
  return <span className={`badge kpi-badge kpi-badge-${category}`}>{t(`followUpViews.category.${category}`)}</span>;
}
