import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { flashState } from '../../../components/flash-notice';
import { ErrorSummary, FormField } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { Skeleton } from '../../../components/query-state';
import { ApiRequestError } from '../../../lib/api-client';
import { homeOf, passwordPath, safeNext, useLogin, useSession } from '../../../lib/session';

type Field = 'email' | 'password';
type Errors = Partial<Record<Field, string>>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Sign-in (docs/product.md §5) at /login; `?next=` names the page to return to (on this site only). */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { user, isPending, mustChangePassword } = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverFieldErrors, setServerFieldErrors] = useState<Errors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const validate = (): Errors => {
    const errors: Errors = {};
    if (!email.trim()) errors.email = t('auth.emailRequired');
    else if (!EMAIL_PATTERN.test(email.trim())) errors.email = t('auth.emailInvalid');
    if (!password) errors.password = t('auth.passwordRequired');
    return errors;
  };
  const clientErrors = validate();
  const shown = (field: Field) => serverFieldErrors[field] ?? ((submitted || touched[field]) && clientErrors[field]) ?? undefined;
  const summary: FieldErrorItem[] = submitted
    ? (['email', 'password'] as const).flatMap((field) => {
        const message = serverFieldErrors[field] ?? clientErrors[field];
        return message ? [{ fieldId: `login-${field}`, message }] : [];
      })
    : [];

  useEffect(() => {
    if (login.isError) alertRef.current?.focus();
  }, [login.isError]);

  if (isPending) return <Skeleton height={320} />;
  // Came here signed in: on to where they were going. (A sign-in on this page navigates by itself.)
  if (user && login.isIdle) return <Navigate to={mustChangePassword ? passwordPath(next) : (next ?? homeOf(user))} replace />;
  if (login.isSuccess) return <Skeleton height={320} />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerFieldErrors({});
    if (Object.keys(validate()).length > 0) {
      // Let the summary render, then move focus to it.
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: ({ user: signedIn, mustChangePassword: mustChange }) => {
          // A one-time password (decision 025): first the user's own password, then where they were going.
          if (mustChange) {
            void navigate(passwordPath(next), { replace: true });
            return;
          }
          void navigate(next ?? homeOf(signedIn), {
            replace: true,
            state: flashState('auth.signedIn', { name: signedIn.displayName }),
          });
        },
        onError: (error) => {
          if (error instanceof ApiRequestError && error.status === 400) {
            const fieldErrors: Errors = {};
            for (const issue of error.issues) {
              const field = issue.path[0];
              if (field === 'email' || field === 'password') fieldErrors[field] = t('form.server', { message: issue.message });
            }
            setServerFieldErrors(fieldErrors);
          }
        },
      },
    );
  };

  const errorMessage = login.error ? loginErrorMessage(login.error, t) : null;
  const emailError = shown('email') || undefined;
  const passwordError = shown('password') || undefined;

  return (
    <section className="sign-in narrow-page" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t('auth.title')}</h1>
      <p>{t('auth.intro')}</p>
      <ErrorSummary errors={summary} ref={summaryRef} title={t('auth.errorSummary')} />
      {errorMessage && Object.keys(serverFieldErrors).length === 0 && (
        <div className="form-alert" role="alert" tabIndex={-1} ref={alertRef} data-testid="login-error">
          {errorMessage}
        </div>
      )}
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        <FormField id="login-email" label={t('auth.email')} error={emailError}>
          {(control) => (
            <input
              {...control}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="username"
              value={email}
              maxLength={254}
              onChange={(e) => setEmail(e.target.value)}
              onBlur={() => setTouched((x) => ({ ...x, email: true }))}
            />
          )}
        </FormField>
        <FormField id="login-password" label={t('auth.password')} error={passwordError}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              maxLength={1024}
              onChange={(e) => setPassword(e.target.value)}
              onBlur={() => setTouched((x) => ({ ...x, password: true }))}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={login.isPending}>
            {login.isPending ? t('auth.submitting') : t('auth.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function loginErrorMessage(error: Error, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (!(error instanceof ApiRequestError)) return t('auth.failed', { message: error.message });
  if (error.status === 401) return t('auth.invalidCredentials');
  if (error.status === 429) {
    return error.retryAfter
      ? t('auth.tooManyAttemptsRetry', { count: Math.max(1, Math.ceil(error.retryAfter / 60)) })
      : t('auth.tooManyAttempts');
  }
  return t('auth.failed', { message: error.message });
}
