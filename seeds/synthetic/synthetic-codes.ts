import type { MinistryCode } from '../../common/taxonomy';

// How synthetic measures are named. The CLI reads these codes back to continue a series with
// --append, so the format is a contract: `<LEAD>-S<number, 6 digits>`, unlike the sample data's
// `METI-0012`.

/** Highest measure number a six-digit code can hold. */
export const SYNTHETIC_MAX_NUMBER = 999_999;

/** Synthetic codes: the lead ministry, `-S` and six digits. */
export const SYNTHETIC_CODE_PATTERN = /^[A-Z]+-S(\d{6})$/;

export function syntheticCode(lead: MinistryCode, number: number): string {
  return `${lead.toUpperCase()}-S${String(number).padStart(6, '0')}`;
}

/** The number in a synthetic code, or null for any other code. */
export function syntheticNumberOf(code: string): number | null {
  const match = SYNTHETIC_CODE_PATTERN.exec(code);
  return match ? Number(match[1]) : null;
}
