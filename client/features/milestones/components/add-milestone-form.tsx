import { useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, FormField } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { EARLIEST_DATE, LATEST_DATE, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from '../../../../common/limits';
import { EMPTY_NEW_MILESTONE, NEW_MILESTONE_FIELDS, validateNewMilestone } from '../milestone-validation';
import type { NewMilestone, NewMilestoneErrors, NewMilestoneField } from '../milestone-validation';

const fieldIdOf = (key: NewMilestoneField) => `ms-new-${key}`;

/**
 * The new milestone as typed, and which of its problems show: a field's once it has been left, all
 * of them after a submit, and the server's until that field changes.
 */
export function useNewMilestoneDraft() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<NewMilestone>(EMPTY_NEW_MILESTONE);
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<NewMilestoneField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<NewMilestoneErrors>({});
  const errors = { ...validateNewMilestone(draft, t), ...serverErrors };
  const summary: FieldErrorItem[] = submitted
    ? NEW_MILESTONE_FIELDS.flatMap((key) => {
        const message = errors[key];
        return message ? [{ fieldId: fieldIdOf(key), message }] : [];
      })
    : [];
  return {
    draft,
    summary,
    errorFor: (key: NewMilestoneField) => serverErrors[key] ?? (submitted || touched[key] ? errors[key] : undefined),
    set: (key: NewMilestoneField, value: string) => {
      setDraft((d) => ({ ...d, [key]: value }));
      if (serverErrors[key]) setServerErrors((e) => ({ ...e, [key]: undefined }));
    },
    touch: (key: NewMilestoneField) => setTouched((x) => ({ ...x, [key]: true })),
    /** A submit: every problem shows from now on; true when there are none (the server's are cleared). */
    submit: (): boolean => {
      setSubmitted(true);
      setServerErrors({});
      return Object.keys(validateNewMilestone(draft, t)).length === 0;
    },
    showServerErrors: setServerErrors,
    /** Added, or given up: the form starts empty. */
    reset: () => {
      setDraft(EMPTY_NEW_MILESTONE);
      setSubmitted(false);
      setTouched({});
    },
  };
}

export type NewMilestoneDraft = ReturnType<typeof useNewMilestoneDraft>;

export function AddMilestoneForm({
  form,
  isPending,
  onAdd,
}: {
  form: NewMilestoneDraft;
  isPending: boolean;
  onAdd: (values: NewMilestone) => void;
}) {
  const { t } = useTranslation();
  const summaryRef = useRef<HTMLDivElement>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!form.submit()) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    onAdd(form.draft);
  };
  const bind = (key: NewMilestoneField) => ({
    value: form.draft[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => form.set(key, e.target.value),
    onBlur: () => form.touch(key),
  });

  return (
    <section className="panel ms-add" aria-labelledby="ms-add-heading">
      <h2 id="ms-add-heading">{t('milestones.add')}</h2>
      <ErrorSummary errors={form.summary} ref={summaryRef} />
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        {(['titleJa', 'titleEn'] as const).map((key) => (
          <FormField key={key} id={fieldIdOf(key)} label={t(`milestones.${key}`)} error={form.errorFor(key)}>
            {(control) => (
              <input
                {...control}
                type="text"
                lang={key === 'titleJa' ? 'ja' : 'en'}
                maxLength={MAX_TITLE_LENGTH + 50}
                {...bind(key)}
              />
            )}
          </FormField>
        ))}
        <div className="form-row">
          <FormField id={fieldIdOf('dueDate')} label={t('milestones.dueDate')} error={form.errorFor('dueDate')}>
            {(control) => <input {...control} type="date" min={EARLIEST_DATE} max={LATEST_DATE} {...bind('dueDate')} />}
          </FormField>
          <FormField
            id={fieldIdOf('weight')}
            label={t('milestones.weight')}
            hint={t('milestones.weightHelp')}
            error={form.errorFor('weight')}
          >
            {(control) => (
              <input {...control} type="number" inputMode="decimal" min="0" max="100" step="any" {...bind('weight')} />
            )}
          </FormField>
        </div>
        <FormField
          id={fieldIdOf('evidenceUrl')}
          label={
            <>
              {t('followUpViews.evidenceUrl')} <span className="muted">（{t('common.optional')}）</span>
            </>
          }
          hint={t('followUpViews.evidenceUrlHelp')}
          error={form.errorFor('evidenceUrl')}
        >
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              placeholder="https://"
              maxLength={MAX_URL_LENGTH + 100}
              {...bind('evidenceUrl')}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={isPending}>
            {t('milestones.addSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
