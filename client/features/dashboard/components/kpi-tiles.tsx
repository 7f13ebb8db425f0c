import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SummaryResponse } from '../../../../server/schemas/responses';
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
    <ul className="grid grid-kpi kpi-tiles" aria-label={t('dashboard.kpiLabel')}>
      <Tile label={t('dashboard.kpiMeasures')} href={explorerHref(filters)} testId="kpi-total">
        {n(summary.total)}
      </Tile>
      <Tile
        label={t('dashboard.progressTowardDeadline')}
        help={t('dashboard.kpiProgressHelp', { projected: formatPercent(summary.forecast.projectedProgress, language) })}
      >
        {formatPercent(summary.progress, language)}
      </Tile>
      {/* Stale is a health value, so the explorer lists exactly these; none = nothing to link to
          (and health=stale would then widen a health filter that excluded them). */}
      <Tile
        label={t('dashboard.kpiStale')}
        help={t('dashboard.kpiStaleHelp')}
        href={summary.stale > 0 ? explorerHref(filters, { health: 'stale' }) : undefined}
      >
        {n(summary.stale)}
      </Tile>
      {/* The explorer has no "overdue" filter: these count milestones, not measures. */}
      <Tile label={t('dashboard.kpiOverdue')} help={t('dashboard.kpiOverdueHelp')}>
        {n(summary.milestones.overdue)}
      </Tile>
      <Tile label={t('dashboard.kpiDone')} help={t('dashboard.kpiDoneOf', { total: n(summary.milestones.total) })}>
        {n(summary.milestones.done)}
      </Tile>
    </ul>
  );
}

function Tile({
  label,
  help,
  href,
  testId,
  children,
}: {
  label: string;
  help?: string;
  href?: string;
  testId?: string;
  children: ReactNode;
}) {
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value" data-testid={testId}>
        {children}
      </span>
      {help && <span className="kpi-help">{help}</span>}
    </>
  );
  return <li className={href ? 'kpi kpi-link' : 'kpi'}>{href ? <Link to={href}>{body}</Link> : body}</li>;
}
