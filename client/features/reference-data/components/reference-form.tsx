import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EARLIEST_DATE, LATEST_DATE } from '../../../../common/limits';
import {
  MAX_REFERENCE_CODE_LENGTH,
  MAX_REFERENCE_NAME_LENGTH,
  referenceCodeProblem,
  referenceDateProblem,
  referenceNameProblem,
} from '../../../../common/reference-data';
import type { UpdateReferenceBody } from '../../../../server/schemas/reference-data';
import { ErrorSummary, FormField } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { WriteProblemMessage } from '../../../components/write-problem';
import { ApiRequestError } from '../../../lib/api-client';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { useCreateReference, useUpdateReference } from '../api/reference-data-queries';
import type { ReferenceKind, ReferenceRow } from '../api/reference-data-queries';

// Adding a deadline or meeting (POST), or renaming and moving one (PATCH; the code never changes),
// checked as the administrator types with the server's own rules (common/reference-data.ts). The
// server's field issues go beside the fields; anything else is said above the form.

type Field = 'code' | 'nameJa' | 'nameEn' | 'date';
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;

const FIELDS: readonly Field[] = ['code', 'nameJa', 'nameEn', 'date'];
const EMPTY: Values = { code: '', nameJa: '', nameEn: '', date: '' };

function isField(value: unknown): value is Field {
  return FIELDS.some((f) => f === value);
}

export function ReferenceForm({
  kind,
  editing,
  onDone,
  onCancel,
}: {
  kind: ReferenceKind;
  /** The row to rename or move; omitted, the form adds one. */
  editing?: ReferenceRow;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateReference(kind);
  const update = useUpdateReference(kind);
  const initial: Values = editing
    ? { code: editing.code, nameJa: editing.nameJa, nameEn: editing.nameEn, date: editing.date }
    : EMPTY;
  const [values, setValues] = useState<Values>(initial);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const mode = editing ? 'edit' : 'add';
  const fieldId = (field: Field) => `${kind}-${mode}-${field}`;
  const fields: readonly Field[] = editing ? ['nameJa', 'nameEn', 'date'] : FIELDS;
  const pending = create.isPending || update.isPending;

  const validate = (): Errors => {
    const errors: Errors = {};
    if (!editing) {
      const code = referenceCodeProblem(values.code.trim());
      if (code === 'required') errors.code = t('referenceData.form.codeRequired');
      else if (code === 'tooLong') errors.code = t('referenceData.form.codeTooLong', { max: MAX_REFERENCE_CODE_LENGTH });
      else if (code) errors.code = t('referenceData.form.codeInvalid');
    }
    for (const field of ['nameJa', 'nameEn'] as const) {
      const name = referenceNameProblem(values[field]);
      if (name === 'required') errors[field] = t('referenceData.form.nameRequired');
      else if (name) errors[field] = t('referenceData.form.nameTooLong', { max: MAX_REFERENCE_NAME_LENGTH });
    }
    const date = referenceDateProblem(values.date);
    if (date === 'required') errors.date = t('referenceData.form.dateRequired');
    else if (date === 'outOfRange')
      errors.date = t('referenceData.form.dateOutOfRange', { from: EARLIEST_DATE, to: LATEST_DATE });
    else if (date) errors.date = t('referenceData.form.dateInvalid');
    return errors;
  };
  const clientErrors = validate();
  const shown = (field: Field) =>
    serverErrors[field] ?? ((submitted || touched[field]) && clientErrors[field] ? clientErrors[field] : undefined);
  const summary: FieldErrorItem[] = submitted
    ? fields.flatMap((field) => {
        const message = serverErrors[field] ?? clientErrors[field];
        return message ? [{ fieldId: fieldId(field), message }] : [];
      })
    : [];
  const set = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => ({ ...e, [field]: undefined }));
    setUnchanged(false);
  };
  const blur = (field: Field) => () => setTouched((x) => ({ ...x, [field]: true }));

  const onError = (error: Error) => {
    const errors: Errors = {};
    if (error instanceof ApiRequestError && error.code === 'code_taken') errors.code = t('referenceData.form.codeTaken');
    const failure = writeFailureOf(error);
    if (failure.kind === 'issues') {
      for (const issue of failure.issues) {
        const field = issue.path[0];
        if (isField(field)) errors[field] = t('form.server', { message: issue.message });
      }
    }
    setServerErrors(errors);
    if (Object.keys(errors).length > 0) queueMicrotask(() => summaryRef.current?.focus());
    else setProblem(failure.kind === 'issues' ? { kind: 'failed', message: error.message } : failure);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    setProblem(null);
    if (Object.keys(validate()).length > 0) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    const nameJa = values.nameJa.trim();
    const nameEn = values.nameEn.trim();
    if (!editing) {
      const code = values.code.trim();
      create.mutate(
        { code, nameJa, nameEn, date: values.date },
        {
          onSuccess: () => {
            setValues(EMPTY);
            setTouched({});
            setSubmitted(false);
            onDone(t('referenceData.added', { code }));
          },
          onError,
        },
      );
      return;
    }
    const change: UpdateReferenceBody = {
      ...(nameJa !== editing.nameJa ? { nameJa } : {}),
      ...(nameEn !== editing.nameEn ? { nameEn } : {}),
      ...(values.date !== editing.date ? { date: values.date } : {}),
    };
    if (Object.keys(change).length === 0) {
      setUnchanged(true);
      return;
    }
    update.mutate(
      { code: editing.code, change },
      { onSuccess: () => onDone(t('referenceData.saved', { code: editing.code })), onError },
    );
  };

  const headingId = `${kind}-${mode}-heading`;
  return (
    <section className="panel reference-form" aria-labelledby={headingId} data-testid={`${kind}-${mode}-form`}>
      <h3 id={headingId}>
        {editing ? t('referenceData.form.editHeading', { code: editing.code }) : t(`referenceData.${kind}.add`)}
      </h3>
      <ErrorSummary errors={summary} ref={summaryRef} title={t('referenceData.form.errorSummary')} />
      {problem && (
        <div className="form-alert" role="alert">
          <WriteProblemMessage problem={problem} signInNext="/admin/deadlines" />
        </div>
      )}
      {unchanged && (
        <p className="form-alert" role="alert">
          {t('referenceData.form.unchanged')}
        </p>
      )}
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        {!editing && (
          <FormField
            id={fieldId('code')}
            label={t('referenceData.form.code')}
            hint={t('referenceData.form.codeHint')}
            error={shown('code')}
          >
            {(control) => (
              <input
                {...control}
                name="code"
                autoComplete="off"
                spellCheck={false}
                maxLength={MAX_REFERENCE_CODE_LENGTH + 1}
                value={values.code}
                onChange={(e) => set('code', e.target.value)}
                onBlur={blur('code')}
              />
            )}
          </FormField>
        )}
        <FormField id={fieldId('nameJa')} label={t('referenceData.form.nameJa')} error={shown('nameJa')}>
          {(control) => (
            <input
              {...control}
              name="nameJa"
              lang="ja"
              autoComplete="off"
              value={values.nameJa}
              onChange={(e) => set('nameJa', e.target.value)}
              onBlur={blur('nameJa')}
            />
          )}
        </FormField>
        <FormField id={fieldId('nameEn')} label={t('referenceData.form.nameEn')} error={shown('nameEn')}>
          {(control) => (
            <input
              {...control}
              name="nameEn"
              lang="en"
              autoComplete="off"
              value={values.nameEn}
              onChange={(e) => set('nameEn', e.target.value)}
              onBlur={blur('nameEn')}
            />
          )}
        </FormField>
        <FormField id={fieldId('date')} label={t('referenceData.form.date')} error={shown('date')}>
          {(control) => (
            <input
              {...control}
              name="date"
              type="date"
              min={EARLIEST_DATE}
              max={LATEST_DATE}
              value={values.date}
              onChange={(e) => set('date', e.target.value)}
              onBlur={blur('date')}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={pending}>
            {pending
              ? t('referenceData.form.submitting')
              : editing
                ? t('referenceData.form.save')
                : t('referenceData.form.submitAdd')}
          </button>
          {onCancel && (
            <button type="button" className="link-button" onClick={onCancel}>
              {t('referenceData.form.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
