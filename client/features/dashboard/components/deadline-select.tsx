import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryResponse } from '../../../../server/schemas/responses';
import { formatDate } from '../../../lib/format';
import { nameOf, offeredChoices, useLanguage, useMeta } from '../../../lib/meta';

/**
 * The deadline the dashboard measures against, with its countdown. `value` is the deadline in the URL
 * or, without one, the deadline the API chose (the next upcoming one as of the as-of date).
 */
export function DeadlineSelect({
  value,
  deadline,
  onChange,
}: {
  value: string;
  deadline: SummaryResponse['deadline'] | undefined;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const id = useId();
  const selected = value || meta?.defaultDeadline || '';
  // A retired deadline is not offered, unless an old link names it (decision 026).
  const deadlines = offeredChoices(meta?.deadlines ?? [], selected);

  return (
    <section className="deadline-bar" aria-labelledby={`${id}-label`}>
      <label className="deadline-select">
        <span id={`${id}-label`}>{t('dashboard.deadline')}</span>
        <select value={selected} onChange={(e) => onChange(e.target.value)} disabled={deadlines.length === 0}>
          {deadlines.map((d) => (
            <option key={d.code} value={d.code}>
              {t('dashboard.deadlineOption', { name: nameOf(d, language), date: formatDate(d.date, language) })}
            </option>
          ))}
        </select>
      </label>
      {deadline && (
        <p className="deadline-countdown" aria-live="polite">
          <strong>
            {deadline.daysLeft > 0
              ? t('dashboard.daysLeft', { count: deadline.daysLeft })
              : deadline.daysLeft === 0
                ? t('dashboard.deadlineToday')
                : t('dashboard.daysPast', { count: -deadline.daysLeft })}
          </strong>
          <span className="muted">{t('dashboard.deadlineDue', { date: formatDate(deadline.date, language) })}</span>
        </p>
      )}
    </section>
  );
}
