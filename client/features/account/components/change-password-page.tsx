import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../../common/password-rule';
import { flashState } from '../../../components/flash-notice';
import { ErrorSummary, FormField } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { RequireSession } from '../../../components/require-session';
import { ApiRequestError } from '../../../lib/api-client';
import { homeOf, safeNext, useSession } from '../../../lib/session';
import type { SessionUser } from '../../../lib/session';
import { useChangePassword } from '../api/change-password';

// 「パスワードの変更」 at /account/password (docs/product.md §5, decision 025): any signed-in user's own
// password, and where a user who signed in with a one-time password is kept until they have chosen
// theirs. The strength rule is the server's own (common/password-rule.ts), checked as they type.

type Field = 'current' | 'next' | 'confirm';
type Errors = Partial<Record<Field, string>>;
type T = (key: string, values?: Record<string, unknown>) => string;

const FIELD_IDS: Record<Field, string> = { current: 'password-current', next: 'password-next', confirm: 'password-confirm' };

export function ChangePasswordPage() {
  return <RequireSession>{(user) => <ChangePasswordForm user={user} />}</RequireSession>;
}

function newPasswordError(value: string, current: string, t: T): string | undefined {
  const problem = passwordProblem(value);
  if (problem?.kind === 'empty') return t('account.nextRequired');
  if (problem?.kind === 'too_short') return t('account.tooShort', { min: problem.min, length: problem.length });
  if (problem?.kind === 'too_long') return t('account.tooLong', { max: problem.max });
  if (current && value.normalize('NFKC') === current.normalize('NFKC')) return t('account.same');
  return undefined;
}

function ChangePasswordForm({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { mustChangePassword } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const change = useChangePassword(user);
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', confirm: '' });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const summaryRef = useRef<HTMLDivElement>(null);

  const validate = (): Errors => {
    const errors: Errors = {};
    if (!values.current) errors.current = t('account.currentRequired');
    const nextError = newPasswordError(values.next, values.current, t);
    if (nextError) errors.next = nextError;
    if (values.confirm !== values.next) errors.confirm = t('account.mismatch');
    return errors;
  };
  const clientErrors = validate();
  const shown = (field: Field) =>
    serverErrors[field] ?? ((submitted || touched[field]) && clientErrors[field] ? clientErrors[field] : undefined);
  const summary: FieldErrorItem[] = submitted
    ? (['current', 'next', 'confirm'] as const).flatMap((field) => {
        const message = serverErrors[field] ?? clientErrors[field];
        return message ? [{ fieldId: FIELD_IDS[field], message }] : [];
      })
    : [];

  const set = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => ({ ...e, [field]: undefined }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    if (Object.keys(validate()).length > 0) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    change.mutate(
      { currentPassword: values.current, newPassword: values.next },
      {
        onSuccess: () => void navigate(next ?? homeOf(user), { replace: true, state: flashState('account.changed') }),
        onError: (error) => {
          if (!(error instanceof ApiRequestError)) return;
          if (error.code === 'wrong_password') setServerErrors({ current: t('account.wrongCurrent') });
          else if (error.code === 'same_password') setServerErrors({ next: t('account.same') });
          else if (error.code === 'weak_password') setServerErrors({ next: t('form.server', { message: error.message }) });
          else return;
          queueMicrotask(() => summaryRef.current?.focus());
        },
      },
    );
  };

  const problem = change.error && !Object.values(serverErrors).some(Boolean) ? changeErrorMessage(change.error, t) : null;

  return (
    <section className="narrow-page" aria-labelledby="password-heading">
      <h1 id="password-heading">{t('account.title')}</h1>
      {mustChangePassword && (
        <p className="form-alert" role="status" data-testid="must-change-password">
          {t('account.mustChange')}
        </p>
      )}
      <p>{t('account.intro')}</p>
      <ErrorSummary errors={summary} ref={summaryRef} title={t('account.errorSummary')} />
      {problem && (
        <div className="form-alert" role="alert" data-testid="password-error">
          {problem}
        </div>
      )}
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        {/* The account's name, so that a password manager files the new password under it. */}
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <FormField id={FIELD_IDS.current} label={t('account.current')} error={shown('current')}>
          {(control) => (
            <input
              {...control}
              name="current-password"
              type="password"
              autoComplete="current-password"
              value={values.current}
              maxLength={1024}
              onChange={(e) => set('current', e.target.value)}
              onBlur={() => setTouched((x) => ({ ...x, current: true }))}
            />
          )}
        </FormField>
        <FormField
          id={FIELD_IDS.next}
          label={t('account.next')}
          hint={t('account.nextHint', { min: MIN_PASSWORD_LENGTH })}
          error={shown('next')}
        >
          {(control) => (
            <input
              {...control}
              name="new-password"
              type="password"
              autoComplete="new-password"
              value={values.next}
              onChange={(e) => set('next', e.target.value)}
              onBlur={() => setTouched((x) => ({ ...x, next: true }))}
            />
          )}
        </FormField>
        <FormField id={FIELD_IDS.confirm} label={t('account.confirm')} error={shown('confirm')}>
          {(control) => (
            <input
              {...control}
              name="confirm-password"
              type="password"
              autoComplete="new-password"
              value={values.confirm}
              onChange={(e) => set('confirm', e.target.value)}
              onBlur={() => setTouched((x) => ({ ...x, confirm: true }))}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={change.isPending}>
            {change.isPending ? t('account.submitting') : t('account.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function changeErrorMessage(error: Error, t: T): string {
  if (error instanceof ApiRequestError && error.status === 429) {
    return t('account.tooManyAttempts', { count: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) });
  }
  return t('account.failed', { message: error.message });
}
