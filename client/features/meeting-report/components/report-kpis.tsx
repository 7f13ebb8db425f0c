import { useTranslation } from 'react-i18next';
import type { SummaryResponse } from '../../../../server/schemas/responses';
import { KpiList, KpiTile } from '../../../components/kpi-tile';
import { explorerHref } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';

/** The dashboard's headline figures, on paper: progress on the report's basis, with both readings under it. */
export function ReportKpis({ summary, filters }: { summary: SummaryResponse; filters: Filters | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  return (
    <section className="report-section report-kpis" aria-labelledby="report-kpis" data-testid="report-kpis">
      <h2 id="report-kpis">{t('meetingReport.kpis')}</h2>
      <KpiList label={t('meetingReport.kpis')}>
        <KpiTile label={t('dashboard.kpiMeasures')} href={filters && explorerHref(filters)} testId="report-kpi-total">
          {n(summary.total)}
        </KpiTile>
        <KpiTile
          label={t('dashboard.progressTowardDeadline')}
          help={t('meetingReport.progressPair', {
            reported: formatPercent(summary.progressByBasis.reported, language),
            verified: formatPercent(summary.progressByBasis.verified, language),
          })}
          testId="report-kpi-progress"
        >
          {formatPercent(summary.progress, language)}
        </KpiTile>
        <KpiTile label={t('dashboard.kpiStale')} help={t('dashboard.kpiStaleHelp')} testId="report-kpi-stale">
          {n(summary.stale)}
        </KpiTile>
        <KpiTile label={t('dashboard.kpiOverdue')} help={t('dashboard.kpiOverdueHelp')} testId="report-kpi-overdue">
          {n(summary.milestones.overdue)}
        </KpiTile>
        <KpiTile
          label={t('dashboard.kpiDone')}
          help={t('followUpViews.doneOfVerified', {
            total: n(summary.milestones.total),
            verified: n(summary.milestonesDoneByBasis.verified),
          })}
          testId="report-kpi-done"
        >
          {n(summary.milestones.done)}
        </KpiTile>
      </KpiList>
    </section>
  );
}
