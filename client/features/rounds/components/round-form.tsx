import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary, FormField, FormFieldset } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { WriteProblemMessage } from '../../../components/write-problem';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { nameOf, offeredChoices, useLanguage, useMeta } from '../../../lib/meta';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { createRound, roundKeys } from '../api/rounds-queries';
import { ROUND_FIELDS, emptyRoundDraft, isRoundField, toRoundBody, validateRound } from '../round-validation';
import type { RoundDraft, RoundErrors, RoundField } from '../round-validation';

const fieldIdOf = (key: RoundField) => `round-${key}`;

/** Where a failed POST /rounds is shown: beside its fields (400 issues, 409 round_exists) or above the form. */
function failureOf(error: Error, t: (key: string) => string): { fields: RoundErrors } | { problem: WriteProblem } {
  if (error instanceof ApiRequestError && error.status === 409 && error.code === 'round_exists') {
    return { fields: { code: t('rounds.form.errors.codeTaken') } };
  }
  const failure = writeFailureOf(error);
  if (failure.kind !== 'issues') return { problem: failure };
  const fields: RoundErrors = {};
  for (const issue of failure.issues) {
    const key = issue.path[0];
    if (isRoundField(key)) fields[key] ??= issue.message;
  }
  return Object.keys(fields).length > 0 ? { fields } : { problem: { kind: 'failed', message: error.message } };
}

/** Opening a round (canManageRounds): what it asks for, its dates as Japan days, its scope. */
export function RoundForm() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const queryClient = useQueryClient();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<RoundDraft>(emptyRoundDraft);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<RoundErrors>({});
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const mutation = useMutation({ mutationFn: createRound });

  const errors: RoundErrors = submitted ? { ...validateRound(draft, t), ...serverErrors } : serverErrors;
  const summary: FieldErrorItem[] = ROUND_FIELDS.flatMap((key) => {
    const message = errors[key];
    return message ? [{ fieldId: fieldIdOf(key), message }] : [];
  });
  const set = <K extends RoundField>(key: K, value: RoundDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (serverErrors[key]) setServerErrors((e) => ({ ...e, [key]: undefined }));
  };
  const toggle = (key: 'ministries' | 'fields', code: string, on: boolean) =>
    set(key, on ? [...draft[key], code] : draft[key].filter((c) => c !== code));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    setProblem(null);
    setCreated(null);
    if (Object.keys(validateRound(draft, t)).length > 0) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    mutation.mutate(toRoundBody(draft), {
      onSuccess: async (round) => {
        await queryClient.invalidateQueries({ queryKey: roundKeys.all });
        setDraft(emptyRoundDraft());
        setSubmitted(false);
        setCreated(round.code);
      },
      onError: (error) => {
        const failure = failureOf(error, t);
        if ('fields' in failure) {
          setServerErrors(failure.fields);
          queueMicrotask(() => summaryRef.current?.focus());
        } else setProblem(failure.problem);
      },
    });
  };

  const text = (key: 'code' | 'titleJa' | 'titleEn', hint?: string) => (
    <FormField id={fieldIdOf(key)} label={t(`rounds.form.${key}`)} hint={hint} error={errors[key]}>
      {(control) => (
        <input
          {...control}
          type="text"
          lang={key === 'titleEn' ? 'en' : key === 'titleJa' ? 'ja' : undefined}
          maxLength={key === 'code' ? 64 : 300}
          autoComplete="off"
          value={draft[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </FormField>
  );
  const scope = (key: 'ministries' | 'fields') => (
    <FormFieldset id={fieldIdOf(key)} legend={t(`rounds.form.${key}`)} hint={t('rounds.form.scopeHint')} error={errors[key]}>
      <div className="checkbox-grid">
        {(meta?.[key] ?? []).map((item) => (
          <label key={item.code} className="checkbox-label">
            <input
              type="checkbox"
              checked={draft[key].includes(item.code)}
              onChange={(e) => toggle(key, item.code, e.target.checked)}
            />
            {nameOf(item, language)}
          </label>
        ))}
      </div>
    </FormFieldset>
  );

  return (
    <section className="panel round-form" aria-labelledby="round-form-heading">
      <h2 id="round-form-heading">{t('rounds.form.title')}</h2>
      {created && (
        <p className="form-notice" role="status" data-testid="round-created">
          {t('rounds.form.created', { code: created })} <Link to={`/rounds/${encodeURIComponent(created)}`}>{created}</Link>
        </p>
      )}
      {problem && (
        <div className="form-alert" role="alert">
          <WriteProblemMessage problem={problem} signInNext="/rounds" />
        </div>
      )}
      <ErrorSummary errors={summary} ref={summaryRef} />
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        {text('code', t('rounds.form.codeHint'))}
        {text('titleJa')}
        {text('titleEn')}
        <p className="field-hint" id="round-dates-hint">
          {t('rounds.form.datesHint')}
        </p>
        <div className="form-row">
          {(['opensAt', 'dueAt'] as const).map((key) => (
            <FormField key={key} id={fieldIdOf(key)} label={t(`rounds.form.${key}`)} error={errors[key]}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={draft[key]}
                  onChange={(e) => set(key, e.target.value)}
                  aria-describedby={[control['aria-describedby'], 'round-dates-hint'].filter(Boolean).join(' ')}
                />
              )}
            </FormField>
          ))}
        </div>
        {scope('ministries')}
        {scope('fields')}
        <FormField id={fieldIdOf('deadline')} label={t('rounds.form.deadline')} error={errors.deadline}>
          {(control) => (
            <select {...control} value={draft.deadline} onChange={(e) => set('deadline', e.target.value)}>
              <option value="">{t('rounds.form.noDeadline')}</option>
              {offeredChoices(meta?.deadlines ?? [], draft.deadline).map((d) => (
                <option key={d.code} value={d.code}>
                  {t('dashboard.deadlineOption', { name: nameOf(d, language), date: formatDate(d.date, language) })}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={mutation.isPending}>
            {t('rounds.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
