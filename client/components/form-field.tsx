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

/** What a field hands its control: the id its label points at, and the wiring to its hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Descriptions the control renders itself (a live comparison, a character count), read around the error. */
export interface ExtraDescriptions {
  beforeError?: string;
  afterError?: string;
}

function fieldClass(base: string, error: string | undefined): string {
  return error ? `${base} has-error` : base;
}

function ariaOf(hintId: string | undefined, errorId: string | undefined, extra: ExtraDescriptions | undefined) {
  return {
    'aria-invalid': errorId ? (true as const) : undefined,
    'aria-describedby': describedBy(hintId, extra?.beforeError, errorId, extra?.afterError),
  };
}

export interface FormFieldProps {
  /** The control's id; its hint and error are `<id>-hint` and `<id>-error`. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  describedBy?: ExtraDescriptions;
  /**
   * `stacked` (label, hint, error, control) for the forms; `inline` (label, control, hint, error)
   * for a filter row, whose fields sit side by side.
   */
  layout?: 'stacked' | 'inline';
  /** The wrapper's class; `has-error` is added while there is an error. */
  className?: string;
  /** Renders the control with the props it must carry, and anything that belongs after it. */
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * One labelled control with its hint and error: the label points at the control, the control is
 * described by the hint and the error and marked invalid while there is one. Used by every form.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  describedBy: extra,
  layout = 'stacked',
  className,
  children,
}: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const messages = (
    <>
      {hintId && <FieldHint id={hintId}>{hint}</FieldHint>}
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
  const control = children({ id, ...ariaOf(hintId, errorId, extra) });
  return (
    <div className={fieldClass(className ?? (layout === 'inline' ? 'form-field inline' : 'form-field'), error)}>
      <label htmlFor={id}>{label}</label>
      {layout === 'inline' ? (
        <>
          {control}
          {messages}
        </>
      ) : (
        <>
          {messages}
          {control}
        </>
      )}
    </div>
  );
}

export interface FormFieldsetProps {
  /** The base of the hint's and error's ids (`<id>-hint`, `<id>-error`); the fieldset itself has none. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Added to `form-field`. */
  className?: string;
  children: ReactNode;
}

/** A group of controls (radio buttons, checkboxes) under one legend: the group carries the hint and error. */
export function FormFieldset({ id, legend, hint, error, className, children }: FormFieldsetProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={fieldClass(className ? `form-field ${className}` : 'form-field', error)}
      {...ariaOf(hintId, errorId, undefined)}
    >
      <legend>{legend}</legend>
      {hintId && <FieldHint id={hintId}>{hint}</FieldHint>}
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </fieldset>
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
