import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrorItem } from '../../components/form-field';
import type { MeasureDetail } from '../../lib/measure-writes';
import { initialValues, rebaseValues, validateReport } from './report-validation';
import type { FieldKey, ReportErrors, ReportValues } from './report-validation';

// The report as typed, and which of its problems show: a field's once it has been left, all of them
// after a submit, and the server's until that field changes.

/** The input each error key points at (for the error summary's links). */
function fieldIdOf(key: FieldKey): string {
  if (key === 'health') return 'report-health-on_track';
  if (key.startsWith('milestone-')) return `report-${key}-date`;
  return `report-${key}`;
}

/** The summary lists the form's fields top to bottom, then the milestones. */
const ERROR_ORDER = ['status', 'health', 'note', 'evidenceUrl'];

/** `measure` is the version the report is written against (it changes when a conflict is re-applied). */
export function useReportDraft(measure: MeasureDetail, today: string) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ReportValues>(() => initialValues(measure, today));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ReportErrors>({});

  const clientErrors = validateReport(values, measure, today, t);
  const allErrors: ReportErrors = { ...clientErrors, ...serverErrors };
  const summary: FieldErrorItem[] = submitted
    ? [
        ...ERROR_ORDER.filter((k) => allErrors[k]).map((k) => ({ fieldId: fieldIdOf(k), message: allErrors[k] ?? '' })),
        ...Object.keys(allErrors)
          .filter((k) => k.startsWith('milestone-'))
          .map((k) => ({ fieldId: fieldIdOf(k), message: allErrors[k] ?? '' })),
        ...(serverErrors[''] ? [{ fieldId: 'report-submit', message: serverErrors[''] }] : []),
      ]
    : [];

  return {
    values,
    summary,
    errorFor: (key: FieldKey): string | undefined =>
      serverErrors[key] ?? (submitted || touched[key] ? clientErrors[key] : undefined),
    /** Changes values; the server's errors on `keys` no longer apply. */
    update: (patch: Partial<ReportValues>, keys: FieldKey[]) => {
      setValues((v) => ({ ...v, ...patch }));
      if (keys.some((k) => serverErrors[k])) {
        setServerErrors((errors) => {
          const next = { ...errors };
          for (const k of keys) delete next[k];
          return next;
        });
      }
    },
    touch: (key: FieldKey) => setTouched((x) => (x[key] ? x : { ...x, [key]: true })),
    /** A submit: every problem shows from now on; true when the form finds none (the server's are cleared). */
    submit: (): boolean => {
      setSubmitted(true);
      setServerErrors({});
      return Object.keys(clientErrors).length === 0;
    },
    showServerErrors: setServerErrors,
    /** Carries the entries onto a newer version; returns the ids of milestones completed meanwhile (dropped). */
    rebase: (current: MeasureDetail): number[] => {
      const { values: carried, dropped } = rebaseValues(values, current, today);
      setValues(carried);
      setServerErrors({});
      return dropped;
    },
  };
}

export type ReportDraft = ReturnType<typeof useReportDraft>;
