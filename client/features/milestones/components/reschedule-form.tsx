import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/form-field';
import { formatDate } from '../../../lib/format';
import { titleOf, useLanguage } from '../../../lib/meta';
import { daysBetween } from '../../../../common/calendar';
import { EARLIEST_DATE, LATEST_DATE, MAX_RESCHEDULE_REASON_LENGTH } from '../../../../common/limits';
import { rescheduleError } from '../milestone-validation';
import type { Milestone } from './milestone-table';

/** Which milestone is being rescheduled, to what date, and what is wrong with it. */
export function useReschedule() {
  const [editing, setEditing] = useState<number | null>(null);
  const [newDue, setNewDue] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const start = (m: Milestone) => {
    setEditing(m.id);
    setNewDue(m.dueDate);
    setReason('');
    setTried(false);
    setServerError(undefined);
  };
  return {
    editing,
    newDue,
    reason,
    tried,
    serverError,
    /** Opens the form for `m`, or closes it when it is already open for `m`. */
    toggle: (m: Milestone) => (editing === m.id ? setEditing(null) : start(m)),
    close: () => setEditing(null),
    change: (value: string) => {
      setNewDue(value);
      setServerError(undefined);
    },
    changeReason: setReason,
    /** A submit: from now on the date's problems show. */
    markSubmitted: () => {
      setTried(true);
      setServerError(undefined);
    },
    showServerError: setServerError,
  };
}

export type Reschedule = ReturnType<typeof useReschedule>;

/** A new due date for one open milestone, with its baseline beside it (the baseline never moves). */
export function RescheduleForm({
  milestone,
  reschedule,
  isPending,
  onSave,
}: {
  milestone: Milestone;
  reschedule: Reschedule;
  isPending: boolean;
  onSave: (dueDate: string, reason: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { newDue, reason } = reschedule;
  const reasonError = reason.length > MAX_RESCHEDULE_REASON_LENGTH ? t('history.reasonTooLong') : undefined;
  const error = reschedule.serverError ?? (reschedule.tried ? rescheduleError(newDue, milestone.dueDate, t) : undefined);
  const title = titleOf(milestone, language);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reschedule.markSubmitted();
    if (rescheduleError(newDue, milestone.dueDate, t) || reasonError) return;
    onSave(newDue, reason);
  };

  return (
    <section className="panel ms-reschedule" id="ms-reschedule" aria-labelledby="ms-reschedule-heading">
      <h2 id="ms-reschedule-heading">{t('milestones.rescheduleHeading', { title })}</h2>
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        <dl className="facts">
          <dt>{t('milestones.columns.baseline')}</dt>
          <dd>{formatDate(milestone.baselineDueDate, language)}</dd>
          <dt>{t('milestones.columns.due')}</dt>
          <dd>{formatDate(milestone.dueDate, language)}</dd>
        </dl>
        <FormField
          id="ms-new-due"
          label={t('milestones.newDue')}
          error={error}
          describedBy={{ beforeError: 'ms-new-due-compare' }}
        >
          {(control) => (
            <>
              <input
                {...control}
                type="date"
                value={newDue}
                min={EARLIEST_DATE}
                max={LATEST_DATE}
                onChange={(e) => reschedule.change(e.target.value)}
              />
              <p id="ms-new-due-compare" className="field-hint" aria-live="polite" data-testid="baseline-vs-new">
                {/^\d{4}-\d{2}-\d{2}$/.test(newDue) &&
                  t('milestones.baselineVsNew', {
                    baseline: formatDate(milestone.baselineDueDate, language),
                    next: formatDate(newDue, language),
                    count: daysBetween(milestone.baselineDueDate, newDue),
                  })}
              </p>
            </>
          )}
        </FormField>
        <FormField
          id="ms-reschedule-reason"
          label={
            <>
              {t('history.reasonLabel')} <span className="muted">（{t('common.optional')}）</span>
            </>
          }
          hint={t('history.reasonHelp')}
          error={reschedule.tried ? reasonError : undefined}
        >
          {(control) => (
            <textarea {...control} rows={2} value={reason} onChange={(e) => reschedule.changeReason(e.target.value)} />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={isPending}>
            {isPending ? t('milestones.saving') : t('milestones.save')}
          </button>
          <button type="button" className="secondary" onClick={reschedule.close}>
            {t('milestones.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
