import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiDto } from '../../../server/schemas/follow-up';
import type { FieldErrorItem } from '../../components/form-field';
import type { ApiIssue } from '../../lib/api-client';
import type { Translate } from '../../lib/i18n';
import type { ReportBody } from '../../lib/measure-writes';

// KPI observations sent with a report (docs/product.md §4): for each KPI of the measure an optional
// value, the date it was true on, and its source. A KPI whose value is left empty sends nothing. The
// checks are the server's (a number; a date, not after today), made beside the field before sending.

/** follow-up fields: see server/schemas/follow-up.ts (the report body's `kpiObservations`). */
export interface KpiObservationInput {
  kpiId: number;
  value: number;
  observedOn: string;
  source?: string;
}
export type ReportBodyWithKpis = ReportBody & { kpiObservations?: KpiObservationInput[] };

export interface KpiEntry {
  value: string;
  observedOn: string;
  source: string;
}
export type KpiField = keyof KpiEntry;

export const MAX_KPI_SOURCE_LENGTH = 500;

export function kpiFieldId(kpiId: number, field: KpiField): string {
  return `report-kpi-${kpiId}-${field}`;
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Errors by field id; none for a KPI left empty. */
export function validateKpiEntries(entries: Record<number, KpiEntry>, kpis: KpiDto[], today: string, t: Translate) {
  const errors: Record<string, string> = {};
  for (const kpi of kpis) {
    const entry = entries[kpi.id];
    if (!entry || (entry.value.trim() === '' && entry.source.trim() === '')) continue;
    const value = entry.value.trim();
    if (value === '') errors[kpiFieldId(kpi.id, 'value')] = t('followUpViews.errors.valueRequired');
    else if (!Number.isFinite(Number(value))) errors[kpiFieldId(kpi.id, 'value')] = t('followUpViews.errors.valueNumber');
    if (!isDate(entry.observedOn)) errors[kpiFieldId(kpi.id, 'observedOn')] = t('followUpViews.errors.dateRequired');
    else if (entry.observedOn > today) errors[kpiFieldId(kpi.id, 'observedOn')] = t('followUpViews.errors.dateFuture', { today });
    if (entry.source.length > MAX_KPI_SOURCE_LENGTH)
      errors[kpiFieldId(kpi.id, 'source')] = t('followUpViews.errors.sourceTooLong', { max: MAX_KPI_SOURCE_LENGTH });
  }
  return errors;
}

export function toKpiObservations(entries: Record<number, KpiEntry>, kpis: KpiDto[]): KpiObservationInput[] {
  return kpis.flatMap((kpi) => {
    const entry = entries[kpi.id];
    if (!entry || entry.value.trim() === '') return [];
    const source = entry.source.trim();
    return [{ kpiId: kpi.id, value: Number(entry.value.trim()), observedOn: entry.observedOn, ...(source ? { source } : {}) }];
  });
}

/** The KPI entries as typed, and which of their problems show (a field's once left, all after a submit). */
export function useKpiObservations(kpis: KpiDto[], today: string) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<Record<number, KpiEntry>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const errors = validateKpiEntries(entries, kpis, today, t);
  const all = { ...errors, ...serverErrors };
  const summary: FieldErrorItem[] = submitted
    ? kpis.flatMap((kpi) =>
        (['value', 'observedOn', 'source'] as const).flatMap((field) => {
          const message = all[kpiFieldId(kpi.id, field)];
          return message ? [{ fieldId: kpiFieldId(kpi.id, field), message }] : [];
        }),
      )
    : [];
  return {
    entryOf: (kpiId: number): KpiEntry => entries[kpiId] ?? { value: '', observedOn: today, source: '' },
    summary,
    errorFor: (id: string) => serverErrors[id] ?? (submitted || touched[id] ? errors[id] : undefined),
    set: (kpiId: number, field: KpiField, value: string) => {
      setEntries((e) => ({ ...e, [kpiId]: { ...(e[kpiId] ?? { value: '', observedOn: today, source: '' }), [field]: value } }));
      const id = kpiFieldId(kpiId, field);
      if (serverErrors[id]) setServerErrors(({ [id]: _gone, ...rest }) => rest);
    },
    touch: (id: string) => setTouched((x) => (x[id] ? x : { ...x, [id]: true })),
    /** A submit: every problem shows from now on; true when there are none. */
    submit: (): boolean => {
      setSubmitted(true);
      setServerErrors({});
      return Object.keys(errors).length === 0;
    },
    observations: () => toKpiObservations(entries, kpis),
    /** The server's 400 issues on `kpiObservations[i].<field>`, placed on that KPI's field; true when any was. */
    showServerIssues: (issues: ApiIssue[], sent: KpiObservationInput[]): boolean => {
      const placed: Record<string, string> = {};
      for (const issue of issues) {
        const [head, index, field] = issue.path;
        const observation = typeof index === 'number' ? sent[index] : undefined;
        if (head !== 'kpiObservations' || !observation) continue;
        const key: KpiField = field === 'observedOn' || field === 'source' ? field : 'value';
        placed[kpiFieldId(observation.kpiId, key)] = t('form.server', { message: issue.message });
      }
      setServerErrors(placed);
      return Object.keys(placed).length > 0;
    },
  };
}

export type KpiObservationsDraft = ReturnType<typeof useKpiObservations>;
