import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HealthBadge, StatusBadge } from '../../../components/badges';
import { formatDateTime } from '../../../lib/format';
import type { MeasureDetail } from '../../../lib/measure-writes';
import { useLanguage } from '../../../lib/meta';

/** The version the report is written against: status, health and the last report. */
export function CurrentState({ measure }: { measure: MeasureDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lastReport = measure.reports[0];
  return (
    <section className="panel current-state" aria-labelledby="current-state-heading" data-testid="current-state">
      <h2 id="current-state-heading">
        {t('report.currentState')} <span className="muted">({t('report.version', { version: measure.version })})</span>
      </h2>
      <p>
        <StatusBadge status={measure.status} /> <HealthBadge health={measure.health} />
      </p>
      <p>
        {t('report.lastReport')}:{' '}
        {lastReport ? (
          <>
            {formatDateTime(lastReport.reportedAt, language)} ({lastReport.reporter}){' '}
            <span className="report-note-preview">{lastReport.note}</span>
          </>
        ) : (
          t('report.noReport')
        )}
      </p>
      <p>
        <Link to={`/measures/${measure.code}/milestones`}>{t('report.editMilestones')}</Link>
      </p>
    </section>
  );
}
