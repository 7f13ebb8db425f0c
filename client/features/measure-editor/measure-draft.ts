import type { ApiIssue } from '../../lib/api-client';
import type { Translate } from '../../lib/i18n';
import type { MeasureDetail } from '../../lib/measure-writes';
import {
  EARLIEST_FISCAL_YEAR,
  LATEST_FISCAL_YEAR,
  MAX_CO_MINISTRIES,
  MAX_FIELDS,
  MAX_INSTRUMENTS,
  MAX_KPI_LENGTH,
  MAX_OWNER_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  isPlanDateInRange,
  isValidWeight,
} from '../../../common/limits';
import type { MeasureCreateInput, MeasurePatchInput } from '../../../server/schemas/writes';

// The measure form's values as typed, and the checks the server makes, so that they show beside each
// field before sending (docs/decisions/023). The server checks again; its 400 issues come back to the
// fields by their path.

export interface DraftMilestone {
  /** A local key for the list (not sent). */
  key: number;
  titleJa: string;
  titleEn: string;
  dueDate: string;
  weight: string;
}

export interface MeasureDraft {
  titleJa: string;
  titleEn: string;
  summaryJa: string;
  summaryEn: string;
  leadMinistry: string;
  pillar: string;
  /** Field codes, the primary one first. */
  fields: string[];
  coMinistries: string[];
  instruments: string[];
  startDate: string;
  targetDate: string;
  budgetYen: string;
  budgetFiscalYear: string;
  kpiJa: string;
  kpiEn: string;
  ownerName: string;
  /** Registration only: the first milestones. */
  milestones: DraftMilestone[];
}

export type DraftField =
  Exclude<keyof MeasureDraft, 'milestones'> | `milestones.${number}.${'titleJa' | 'titleEn' | 'dueDate' | 'weight'}`;
export type DraftErrors = Partial<Record<DraftField, string>>;
export type FormMode = 'create' | 'edit';

/** The form's fields in the order the error summary lists them (milestones after, row by row). */
export const DRAFT_FIELDS = [
  'titleJa',
  'titleEn',
  'leadMinistry',
  'pillar',
  'fields',
  'coMinistries',
  'instruments',
  'summaryJa',
  'summaryEn',
  'startDate',
  'targetDate',
  'budgetYen',
  'budgetFiscalYear',
  'kpiJa',
  'kpiEn',
  'ownerName',
] as const satisfies readonly DraftField[];

export function emptyDraft(leadMinistry: string): MeasureDraft {
  return {
    titleJa: '',
    titleEn: '',
    summaryJa: '',
    summaryEn: '',
    leadMinistry,
    pillar: '',
    fields: [],
    coMinistries: [],
    instruments: [],
    startDate: '',
    targetDate: '',
    budgetYen: '',
    budgetFiscalYear: '',
    kpiJa: '',
    kpiEn: '',
    ownerName: '',
    milestones: [],
  };
}

export function draftOf(m: MeasureDetail): MeasureDraft {
  return {
    titleJa: m.titleJa,
    titleEn: m.titleEn,
    summaryJa: m.summaryJa,
    summaryEn: m.summaryEn,
    leadMinistry: m.leadMinistry,
    pillar: m.pillar,
    fields: [...m.fields],
    coMinistries: [...m.coMinistries],
    instruments: [...m.instruments],
    startDate: m.startDate ?? '',
    targetDate: m.targetDate ?? '',
    budgetYen: m.budgetYen === null ? '' : String(m.budgetYen),
    budgetFiscalYear: m.budgetFiscalYear === null ? '' : String(m.budgetFiscalYear),
    kpiJa: m.kpiJa,
    kpiEn: m.kpiEn,
    ownerName: m.ownerName,
    milestones: [],
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateError(value: string, t: Translate, required: boolean): string | undefined {
  if (value === '') return required ? t('measureEditor.errors.dateRequired') : undefined;
  if (!DATE.test(value) || !isPlanDateInRange(value)) return t('measureEditor.errors.dateInvalid');
  return undefined;
}

export function validateDraft(d: MeasureDraft, mode: FormMode, t: Translate): DraftErrors {
  const errors: DraftErrors = {};
  for (const key of ['titleJa', 'titleEn'] as const) {
    const v = d[key].trim();
    if (!v) errors[key] = t('measureEditor.errors.titleRequired');
    else if (v.length > MAX_TITLE_LENGTH) errors[key] = t('measureEditor.errors.tooLong', { max: MAX_TITLE_LENGTH });
  }
  if (mode === 'create') {
    if (!d.leadMinistry) errors.leadMinistry = t('measureEditor.errors.choose');
    if (!d.pillar) errors.pillar = t('measureEditor.errors.choose');
  }
  if (d.fields.length === 0) errors.fields = t('measureEditor.errors.atLeastOne');
  else if (d.fields.length > MAX_FIELDS) errors.fields = t('measureEditor.errors.atMost', { max: MAX_FIELDS });
  if (d.instruments.length === 0) errors.instruments = t('measureEditor.errors.atLeastOne');
  else if (d.instruments.length > MAX_INSTRUMENTS)
    errors.instruments = t('measureEditor.errors.atMost', { max: MAX_INSTRUMENTS });
  if (d.coMinistries.includes(d.leadMinistry)) errors.coMinistries = t('measureEditor.errors.leadIsCo');
  else if (d.coMinistries.length > MAX_CO_MINISTRIES)
    errors.coMinistries = t('measureEditor.errors.atMost', { max: MAX_CO_MINISTRIES });
  for (const [key, max] of [
    ['summaryJa', MAX_SUMMARY_LENGTH],
    ['summaryEn', MAX_SUMMARY_LENGTH],
    ['kpiJa', MAX_KPI_LENGTH],
    ['kpiEn', MAX_KPI_LENGTH],
    ['ownerName', MAX_OWNER_LENGTH],
  ] as const) {
    if (d[key].length > max) errors[key] = t('measureEditor.errors.tooLong', { max });
  }
  const start = dateError(d.startDate, t, false);
  if (start) errors.startDate = start;
  const target = dateError(d.targetDate, t, false);
  if (target) errors.targetDate = target;
  if (!start && !target && d.startDate && d.targetDate && d.targetDate < d.startDate) {
    errors.targetDate = t('measureEditor.errors.targetBeforeStart');
  }
  if (d.budgetYen.trim() !== '') {
    const yen = Number(d.budgetYen);
    if (!Number.isSafeInteger(yen) || yen < 0) errors.budgetYen = t('measureEditor.errors.yen');
  }
  if (d.budgetFiscalYear.trim() !== '') {
    const year = Number(d.budgetFiscalYear);
    if (!Number.isInteger(year) || year < EARLIEST_FISCAL_YEAR || year > LATEST_FISCAL_YEAR) {
      errors.budgetFiscalYear = t('measureEditor.errors.fiscalYear', { from: EARLIEST_FISCAL_YEAR, to: LATEST_FISCAL_YEAR });
    }
  }
  d.milestones.forEach((m, i) => {
    for (const key of ['titleJa', 'titleEn'] as const) {
      if (!m[key].trim()) errors[`milestones.${i}.${key}`] = t('measureEditor.errors.titleRequired');
    }
    const due = dateError(m.dueDate, t, true);
    if (due) errors[`milestones.${i}.dueDate`] = due;
    if (m.weight.trim() === '' || !isValidWeight(Number(m.weight)))
      errors[`milestones.${i}.weight`] = t('measureEditor.errors.weight');
  });
  return errors;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

export function createBodyOf(d: MeasureDraft): MeasureCreateInput {
  return {
    titleJa: d.titleJa.trim(),
    titleEn: d.titleEn.trim(),
    summaryJa: d.summaryJa,
    summaryEn: d.summaryEn,
    leadMinistry: d.leadMinistry,
    pillar: d.pillar,
    fields: d.fields,
    coMinistries: d.coMinistries,
    instruments: d.instruments,
    startDate: orNull(d.startDate),
    targetDate: orNull(d.targetDate),
    budgetYen: numberOrNull(d.budgetYen),
    budgetFiscalYear: numberOrNull(d.budgetFiscalYear),
    kpiJa: d.kpiJa,
    kpiEn: d.kpiEn,
    ownerName: d.ownerName.trim(),
    milestones: d.milestones.map((m) => ({
      titleJa: m.titleJa.trim(),
      titleEn: m.titleEn.trim(),
      dueDate: m.dueDate,
      weight: Number(m.weight),
    })),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Only what the user changed from `base` (a PATCH names what it changes); empty when nothing did. */
export function patchBodyOf(base: MeasureDraft, d: MeasureDraft): MeasurePatchInput {
  const body: MeasurePatchInput = {};
  if (d.titleJa.trim() !== base.titleJa) body.titleJa = d.titleJa.trim();
  if (d.titleEn.trim() !== base.titleEn) body.titleEn = d.titleEn.trim();
  if (d.summaryJa !== base.summaryJa) body.summaryJa = d.summaryJa;
  if (d.summaryEn !== base.summaryEn) body.summaryEn = d.summaryEn;
  if (d.kpiJa !== base.kpiJa) body.kpiJa = d.kpiJa;
  if (d.kpiEn !== base.kpiEn) body.kpiEn = d.kpiEn;
  if (d.ownerName.trim() !== base.ownerName) body.ownerName = d.ownerName.trim();
  if (d.startDate !== base.startDate) body.startDate = orNull(d.startDate);
  if (d.targetDate !== base.targetDate) body.targetDate = orNull(d.targetDate);
  if (d.budgetYen.trim() !== base.budgetYen) body.budgetYen = numberOrNull(d.budgetYen);
  if (d.budgetFiscalYear.trim() !== base.budgetFiscalYear) body.budgetFiscalYear = numberOrNull(d.budgetFiscalYear);
  if (!sameList(d.fields, base.fields)) body.fields = d.fields;
  if (!sameList(d.coMinistries, base.coMinistries)) body.coMinistries = d.coMinistries;
  if (!sameList(d.instruments, base.instruments)) body.instruments = d.instruments;
  return body;
}

function isDraftField(value: string): value is DraftField {
  return (DRAFT_FIELDS as readonly string[]).includes(value) || /^milestones\.\d+\.(titleJa|titleEn|dueDate|weight)$/.test(value);
}

/** The server's 400 issues by field, or null when one of them names no field of this form. */
export function errorsOfIssues(issues: readonly ApiIssue[]): DraftErrors | null {
  const errors: DraftErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    const field = isDraftField(path) ? path : isDraftField(String(issue.path[0] ?? '')) ? String(issue.path[0]) : null;
    if (field === null || !isDraftField(field)) return null;
    errors[field] = issue.message;
  }
  return errors;
}
