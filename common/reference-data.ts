import { isIsoDate } from './calendar';
import { EARLIEST_DATE, LATEST_DATE } from './limits';

// The rules a deadline or meeting an administrator adds must meet (docs/decisions/026): the server's
// schemas (server/schemas/reference-data.ts) and the page's inline validation use these same
// definitions, so a value the form accepts is one the server accepts.

/** A new code: lower-case letters and digits in groups joined by single hyphens (`summer-2028`), at most 64. */
export const REFERENCE_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_REFERENCE_CODE_LENGTH = 64;
/** A deadline's or meeting's name, in either language. */
export const MAX_REFERENCE_NAME_LENGTH = 200;

export type ReferenceProblem = 'required' | 'tooLong' | 'invalid' | 'outOfRange';

export function referenceCodeProblem(code: string): ReferenceProblem | null {
  if (code.length === 0) return 'required';
  if (code.length > MAX_REFERENCE_CODE_LENGTH) return 'tooLong';
  return REFERENCE_CODE_PATTERN.test(code) ? null : 'invalid';
}

/** The name as trimmed by the server. */
export function referenceNameProblem(name: string): ReferenceProblem | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'required';
  return trimmed.length > MAX_REFERENCE_NAME_LENGTH ? 'tooLong' : null;
}

export function referenceDateProblem(date: string): ReferenceProblem | null {
  if (date.length === 0) return 'required';
  if (!isIsoDate(date)) return 'invalid';
  return date < EARLIEST_DATE || date > LATEST_DATE ? 'outOfRange' : null;
}
