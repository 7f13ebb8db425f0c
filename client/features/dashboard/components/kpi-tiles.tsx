import { useTranslation } from 'react-i18next';
import type { SummaryResponse } from '../../../../server/schemas/responses';
import { KpiList, KpiTile } from '../../../components/kpi-tile';
import { explorerHref } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';

/** The headline figures. A tile links to the explorer only where the explorer can list exactly its measures. */
export function KpiTiles({ summary, filters }: { summary: SummaryResponse; filters: Filters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  return (
    <KpiList label={t('dashboard.kpiLabel')}>
      <KpiTile label={t('dashboard.kpiMeasures')} href={explorerHref(filters)} testId="kpi-total">
        {n(summary.total)}
      </KpiTile>
      <KpiTile
        label={t('dashboard.progressTowardDeadline')}
        help={t('dashboard.kpiProgressHelp', { projected: formatPercent(summary.forecast.projectedProgress, language) })}
      >
        {formatPercent(summary.progress, language)}
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
      <KpiTile label={t('dashboard.kpiDone')} help={t('dashboard.kpiDoneOf', { total: n(summary.milestones.total) })}>
        {n(summary.milestones.done)}
      </KpiTile>
    </KpiList>
  );
}
