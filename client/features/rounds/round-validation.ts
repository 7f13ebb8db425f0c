import type { Translate } from '../../lib/i18n';
import type { NewRoundBody } from './api/rounds-queries';

// The round form's own checks, in the page language, before anything is sent; the server checks
// again and its answers are shown beside the same fields (api9: POST /rounds).

export interface RoundDraft {
  code: string;
  titleJa: string;
  titleEn: string;
  opensAt: string;
  dueAt: string;
  ministries: string[];
  fields: string[];
  deadline: string;
}

export type RoundField = 'code' | 'titleJa' | 'titleEn' | 'opensAt' | 'dueAt' | 'ministries' | 'fields' | 'deadline';
export type RoundErrors = Partial<Record<RoundField, string>>;

export const ROUND_FIELDS: readonly RoundField[] = [
  'code',
  'titleJa',
  'titleEn',
  'opensAt',
  'dueAt',
  'ministries',
  'fields',
  'deadline',
];

export const ROUND_CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function emptyRoundDraft(): RoundDraft {
  return { code: '', titleJa: '', titleEn: '', opensAt: '', dueAt: '', ministries: [], fields: [], deadline: '' };
}

export function isRoundField(value: unknown): value is RoundField {
  return typeof value === 'string' && (ROUND_FIELDS as readonly string[]).includes(value);
}

export function validateRound(draft: RoundDraft, t: Translate): RoundErrors {
  const errors: RoundErrors = {};
  const code = draft.code.trim();
  if (!code) errors.code = t('rounds.form.errors.codeRequired');
  else if (!ROUND_CODE.test(code)) errors.code = t('rounds.form.errors.codeFormat');
  if (!draft.titleJa.trim()) errors.titleJa = t('rounds.form.errors.titleJaRequired');
  if (!draft.titleEn.trim()) errors.titleEn = t('rounds.form.errors.titleEnRequired');
  if (!draft.opensAt) errors.opensAt = t('rounds.form.errors.opensAtRequired');
  if (!draft.dueAt) errors.dueAt = t('rounds.form.errors.dueAtRequired');
  // A round opens at the start of its first day and is due at the end of its last (JST), so the same
  // day is a one-day round; only a due day before the opening day is refused.
  else if (draft.opensAt && draft.dueAt < draft.opensAt) errors.dueAt = t('rounds.form.errors.dueBeforeOpen');
  return errors;
}

export function toRoundBody(draft: RoundDraft): NewRoundBody {
  return {
    code: draft.code.trim(),
    titleJa: draft.titleJa.trim(),
    titleEn: draft.titleEn.trim(),
    opensAt: draft.opensAt,
    dueAt: draft.dueAt,
    ...(draft.ministries.length > 0 ? { ministries: draft.ministries } : {}),
    ...(draft.fields.length > 0 ? { fields: draft.fields } : {}),
    ...(draft.deadline ? { deadline: draft.deadline } : {}),
  };
}
