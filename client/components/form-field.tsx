import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';

// Accessible form pieces shared by the sign-in, report, milestone and audit forms: every error is
// tied to its field (aria-invalid, aria-describedby) and listed in a summary that links to it.

export interface FieldErrorItem {
  /** The id of the input the error belongs to. */
  fieldId: string;
  message: string;
}

/** The ids an input is described by: its hint and, when there is one, its error. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return list.length > 0 ? list.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">{t('form.errorPrefix')}</span>
      {message}
    </p>
  );
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field-hint">
      {children}
    </p>
  );
}

/** The list of problems after a failed submit; focused, so a screen reader announces it. */
export function ErrorSummary({ errors, title, ref }: { errors: FieldErrorItem[]; title?: string; ref?: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <h2>{title ?? t('form.errorSummary', { count: errors.length })}</h2>
      <ul>
        {errors.map((error) => (
          <li key={`${error.fieldId}:${error.message}`}>
            <a
              href={`#${error.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(error.fieldId)?.focus();
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
