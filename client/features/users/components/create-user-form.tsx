import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, isBoundToMinistry } from '../../../../common/roles';
import type { Role } from '../../../../common/roles';
import { ErrorSummary, FormField } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { ApiRequestError } from '../../../lib/api-client';
import { nameOf, useLanguage, useMeta } from '../../../lib/meta';
import { useCreateUser } from '../api/users-queries';
import { OneTimePasswordNotice } from './one-time-password-notice';

// Creating a user (POST /users, decision 025) with the rules of `npm run user:create`, checked as the
// administrator types: a ministry for a ministry lead and for no one else. The one-time password the
// server answers is shown once, then forgotten with the notice.

type Field = 'email' | 'displayName' | 'role' | 'ministry';
type Errors = Partial<Record<Field, string>>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELD_ID: Record<Field, string> = {
  email: 'new-user-email',
  displayName: 'new-user-name',
  role: 'new-user-role',
  ministry: 'new-user-ministry',
};
const EMPTY = { email: '', displayName: '', role: 'ministry_lead' as Role, ministry: '' };

export function CreateUserForm() {
  const { t } = useTranslation();
  const language = useLanguage();
  const meta = useMeta();
  const create = useCreateUser();
  const [values, setValues] = useState(EMPTY);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const needsMinistry = isBoundToMinistry(values.role);

  const validate = (): Errors => {
    const errors: Errors = {};
    const email = values.email.trim();
    if (!email) errors.email = t('users.create.emailRequired');
    else if (!EMAIL_PATTERN.test(email)) errors.email = t('users.create.emailInvalid');
    const name = values.displayName.trim();
    if (!name) errors.displayName = t('users.create.nameRequired');
    else if (name.length > 100) errors.displayName = t('users.create.nameTooLong');
    if (needsMinistry && !values.ministry) errors.ministry = t('users.create.ministryRequired');
    return errors;
  };
  const clientErrors = validate();
  const shown = (field: Field) =>
    serverErrors[field] ?? ((submitted || touched[field]) && clientErrors[field] ? clientErrors[field] : undefined);
  const summary: FieldErrorItem[] = submitted
    ? (['email', 'displayName', 'role', 'ministry'] as const).flatMap((field) => {
        const message = serverErrors[field] ?? clientErrors[field];
        return message ? [{ fieldId: FIELD_ID[field], message }] : [];
      })
    : [];
  const set = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => ({ ...e, [field]: undefined }));
  };
  const blur = (field: Field) => () => setTouched((x) => ({ ...x, [field]: true }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    if (Object.keys(validate()).length > 0) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    create.mutate(
      {
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        ...(needsMinistry ? { ministry: values.ministry } : {}),
      },
      {
        onSuccess: (answer) => {
          setCreated({ email: answer.user.email, password: answer.oneTimePassword });
          setValues(EMPTY);
          setTouched({});
          setSubmitted(false);
        },
        onError: (error) => {
          if (!(error instanceof ApiRequestError)) return;
          const errors: Errors = {};
          if (error.code === 'email_taken') errors.email = t('users.create.emailTaken');
          for (const issue of error.status === 400 ? error.issues : []) {
            const field = issue.path[0];
            if (field === 'email' || field === 'displayName' || field === 'role' || field === 'ministry')
              errors[field] = t('form.server', { message: issue.message });
          }
          setServerErrors(errors);
          if (Object.keys(errors).length > 0) queueMicrotask(() => summaryRef.current?.focus());
        },
      },
    );
  };

  const fieldProblem = Object.values(serverErrors).some(Boolean);
  return (
    <section className="panel create-user" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{t('users.create.heading')}</h2>
      {created && <OneTimePasswordNotice email={created.email} password={created.password} onDone={() => setCreated(null)} />}
      <p>{t('users.create.intro')}</p>
      <ErrorSummary errors={summary} ref={summaryRef} title={t('users.create.errorSummary')} />
      {create.error && !fieldProblem && (
        <div className="form-alert" role="alert">
          {t('users.create.failed', { message: create.error.message })}
        </div>
      )}
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        <FormField id={FIELD_ID.email} label={t('users.create.email')} error={shown('email')}>
          {(control) => (
            <input
              {...control}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="off"
              maxLength={254}
              value={values.email}
              onChange={(e) => set('email', e.target.value)}
              onBlur={blur('email')}
            />
          )}
        </FormField>
        <FormField id={FIELD_ID.displayName} label={t('users.create.name')} error={shown('displayName')}>
          {(control) => (
            <input
              {...control}
              name="displayName"
              autoComplete="off"
              maxLength={100}
              value={values.displayName}
              onChange={(e) => set('displayName', e.target.value)}
              onBlur={blur('displayName')}
            />
          )}
        </FormField>
        <FormField id={FIELD_ID.role} label={t('users.create.role')} error={shown('role')}>
          {(control) => (
            <select
              {...control}
              name="role"
              value={values.role}
              onChange={(e) => {
                const role = ROLES.find((r) => r === e.target.value) ?? 'analyst';
                setValues((v) => ({ ...v, role, ministry: isBoundToMinistry(role) ? v.ministry : '' }));
              }}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {needsMinistry && (
          <FormField
            id={FIELD_ID.ministry}
            label={t('users.create.ministry')}
            hint={t('users.create.ministryHint')}
            error={shown('ministry')}
          >
            {(control) => (
              <select
                {...control}
                name="ministry"
                value={values.ministry}
                onChange={(e) => set('ministry', e.target.value)}
                onBlur={blur('ministry')}
              >
                <option value="">{t('users.create.chooseMinistry')}</option>
                {(meta.data?.ministries ?? []).map((m) => (
                  <option key={m.code} value={m.code}>
                    {nameOf(m, language)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <div className="form-actions">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? t('users.create.submitting') : t('users.create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
