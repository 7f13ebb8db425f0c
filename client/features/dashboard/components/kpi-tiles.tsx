import { useTranslation } from 'react-i18next';
import { KpiList, KpiTile } from '../../../components/kpi-tile';
import { explorerHref } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import type { SummaryWithFollowUp } from '../api/dashboard-queries';

/** The headline figures. A tile links to the explorer only where the explorer can list exactly its measures. */
export function KpiTiles({ summary, filters }: { summary: SummaryWithFollowUp; filters: Filters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  return (
    <KpiList label={t('dashboard.kpiLabel')}>
      <KpiTile label={t('dashboard.kpiMeasures')} href={explorerHref(filters)} testId="kpi-total">
        {n(summary.total)}
      </KpiTile>
      {/* Both readings side by side (docs/product.md §4): what the ministries reported, and what the
          secretariat has verified against the evidence, whatever basis the rest of the page uses. */}
      <KpiTile label={t('dashboard.progressTowardDeadline')} help={t('followUpViews.progressPairHelp')} testId="kpi-progress">
        <span className="progress-pair">
          <span data-testid="progress-reported">
            <span className="progress-pair-label">{t('filters.basisValues.reported')}</span>{' '}
            {formatPercent(summary.progressByBasis.reported, language)}
          </span>
          <span aria-hidden="true"> / </span>
          <span data-testid="progress-verified">
            <span className="progress-pair-label">{t('filters.basisValues.verified')}</span>{' '}
            {formatPercent(summary.progressByBasis.verified, language)}
          </span>
        </span>
      </KpiTile>
      {/* Stale is a health value, so the explorer lists exactly these; none = nothing to link to
          (and health=stale would then widen a health filter that excluded them). */}
      <KpiTile
        label={t('dashboard.kpiStale')}
        help={t('dashboard.kpiStaleHelp')}
        href={summary.stale > 0 ? explorerHref(filters, { health: 'stale' }) : undefined}
      >
        {n(summary.stale)}
      </KpiTile>
      {/* The explorer has no "overdue" filter: these count milestones, not measures. */}
      <KpiTile label={t('dashboard.kpiOverdue')} help={t('dashboard.kpiOverdueHelp')}>
        {n(summary.milestones.overdue)}
      </KpiTile>
      <KpiTile
        label={t('dashboard.kpiDone')}
        help={t('followUpViews.doneOfVerified', {
          total: n(summary.milestones.total),
          verified: n(summary.milestonesDoneByBasis.verified),
        })}
      >
        {n(summary.milestones.done)}
      </KpiTile>
    </KpiList>
  );
}
