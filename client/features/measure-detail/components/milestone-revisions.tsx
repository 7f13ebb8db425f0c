import { useTranslation } from 'react-i18next';
import { jstDateOfInstant } from '../../../../common/calendar';
import type { MilestoneRevisionDto } from '../../../../server/schemas/responses';
import { formatDate } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';

// A milestone's reschedules on the measure page (docs/decisions/012-due-date-history.md), oldest
// first, as known on the page's as-of date: each move with its days, the Japan day it was recorded,
// who made it and why. A disclosure, closed by default, so the timeline stays readable.

export function MilestoneRevisions({ revisions }: { revisions: readonly MilestoneRevisionDto[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (revisions.length === 0) return null;
  return (
    <details className="milestone-revisions small" data-testid="milestone-revisions">
      <summary>{t('history.revisions', { count: revisions.length })}</summary>
      <ol>
        {revisions.map((r, i) => (
          <li key={`${r.recordedAt}-${i}`}>
            {t('history.revision', {
              from: formatDate(r.previousDueDate, language),
              to: formatDate(r.dueDate, language),
              days: r.slipDays >= 0 ? t('history.later', { count: r.slipDays }) : t('history.earlier', { count: -r.slipDays }),
            })}
            {' · '}
            {t('history.recorded', { date: formatDate(jstDateOfInstant(r.recordedAt), language) })}
            {' · '}
            {t('history.by', { who: r.actor || t('history.unknownActor') })}
            {r.reason && (
              <>
                {' · '}
                {t('history.reason', { reason: r.reason })}
              </>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
