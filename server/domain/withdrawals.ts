// Withdrawal (廃止) of a measure (docs/decisions/024-withdrawing-measures.md): a measure leaves the
// default lists and figures as of every day from the one its withdrawal took effect up to, not
// including, the day it was restored. Defined once here; the SQL of measure-filter.ts mirrors it and
// tests/server/withdrawals.test.ts holds the two together.

/** One withdrawal period as stored (dates are JST calendar dates). */
export interface WithdrawalPeriod {
  withdrawnOn: string;
  restoredOn: string | null;
}

/** One withdrawal period with who recorded it and why. */
export interface WithdrawalRecord extends WithdrawalPeriod {
  id: number;
  reason: string;
  withdrawnAt: string;
  withdrawnBy: string;
  restoreReason: string | null;
  restoredAt: string | null;
  restoredBy: string | null;
}

/** Whether the period holds the day `asOf`: withdrawn by then and not yet restored by then. */
export function isWithdrawnAsOf(period: WithdrawalPeriod, asOf: string): boolean {
  return period.withdrawnOn <= asOf && (period.restoredOn === null || period.restoredOn > asOf);
}

/** The period in force as of the day, if any (periods never overlap; see `withdrawalProblem`). */
export function withdrawalAsOf<P extends WithdrawalPeriod>(periods: readonly P[], asOf: string): P | null {
  return periods.find((p) => isWithdrawnAsOf(p, asOf)) ?? null;
}

/**
 * Why a withdrawal on `date` may not be recorded, or null when it may: the day must be neither in
 * the future nor before the measure existed, and not before the end of an earlier withdrawal (the caller refuses a second open one), so that
 * periods never overlap and every past day keeps one answer.
 */
export function withdrawalProblem(
  periods: readonly WithdrawalPeriod[],
  date: string,
  bounds: { today: string; createdOn: string },
): string | null {
  if (date > bounds.today) return `must not be after today (${bounds.today})`;
  if (date < bounds.createdOn) return `must not be before the measure was registered (${bounds.createdOn})`;
  // ISO dates compare as text; periods never overlap, so the latest restoration is the largest.
  const lastRestored = periods.map((p) => p.restoredOn ?? '').reduce((a, b) => (b > a ? b : a), '');
  if (date < lastRestored) return `must not be before its last restoration (${lastRestored})`;
  return null;
}

/** Why a restoration on `date` may not be recorded, or null: not in the future, not before the withdrawal. */
export function restorationProblem(open: WithdrawalPeriod, date: string, today: string): string | null {
  if (date > today) return `must not be after today (${today})`;
  if (date < open.withdrawnOn) return `must not be before the withdrawal took effect (${open.withdrawnOn})`;
  return null;
}
