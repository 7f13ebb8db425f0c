import { useTranslation } from 'react-i18next';
import { FormField, FormFieldset } from '../../../components/form-field';
import { formatDate } from '../../../lib/format';
import type { MeasureDetail } from '../../../lib/measure-writes';
import { titleOf, useLanguage } from '../../../lib/meta';
import { jstDateOfInstant } from '../../../../common/calendar';
import { milestoneKey } from '../report-validation';
import type { ReportDraft } from '../use-report-draft';

/** The open milestones, each to be ticked as completed with the day it was (today unless changed). */
export function MilestoneCompletions({ measure, today, draft }: { measure: MeasureDetail; today: string; draft: ReportDraft }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { values, update, touch } = draft;
  const openMilestones = measure.milestoneList.filter((m) => m.completedDate === null);
  const created = jstDateOfInstant(measure.createdAt);
  const title = (m: { titleJa: string; titleEn: string }) => titleOf(m, language);

  return (
    <FormFieldset
      id="report-milestones"
      legend={t('report.milestones')}
      hint={t('report.milestonesHelp')}
      className="milestone-checklist"
    >
      {openMilestones.length === 0 ? (
        <p className="muted">{t('report.noOpenMilestones')}</p>
      ) : (
        <ul className="plain-list">
          {openMilestones.map((m) => {
            const key = milestoneKey(m.id);
            const completion = values.completions[m.id] ?? { checked: false, date: today };
            const dateError = completion.checked ? draft.errorFor(key) : undefined;
            const checkboxId = `report-${key}`;
            const complete = (patch: Partial<typeof completion>, keys: string[]) =>
              update({ completions: { ...values.completions, [m.id]: { ...completion, ...patch } } }, keys);
            return (
              <li key={m.id} className={dateError ? 'milestone-option has-error' : 'milestone-option'} data-milestone={m.id}>
                <label htmlFor={checkboxId} className="checkbox-label">
                  <input
                    type="checkbox"
                    id={checkboxId}
                    name="milestonesCompleted"
                    value={m.id}
                    checked={completion.checked}
                    onChange={(e) => complete({ checked: e.target.checked }, [key, 'status'])}
                  />
                  <span>
                    {title(m)}{' '}
                    <span className={m.overdue ? 'overdue-count' : 'muted'}>
                      ({t('report.due', { date: formatDate(m.dueDate, language) })}
                      {m.overdue && ` · ${t('detail.overdue')}`})
                    </span>
                  </span>
                </label>
                {completion.checked && (
                  <FormField
                    id={`${checkboxId}-date`}
                    className="milestone-date"
                    label={
                      <>
                        {t('report.completedDate')}
                        <span className="visually-hidden">{t('report.completedDateOf', { title: title(m) })}</span>
                      </>
                    }
                    error={dateError}
                  >
                    {(control) => (
                      <input
                        {...control}
                        type="date"
                        name={`completedDate-${m.id}`}
                        value={completion.date}
                        min={created}
                        max={today}
                        required
                        onChange={(e) => complete({ date: e.target.value }, [key])}
                        onBlur={() => touch(key)}
                      />
                    )}
                  </FormField>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </FormFieldset>
  );
}
