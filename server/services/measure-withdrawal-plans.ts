import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { jstDateOf } from '../../common/calendar';
import { restorationProblem, withdrawalProblem } from '../domain/withdrawals';
import { ApiError } from '../errors';
import { closeWithdrawal, insertWithdrawal, withdrawalsOf } from '../repositories/withdrawals-repository';
import type { WithdrawalBody } from '../schemas/writes';
import { bodyError, measureSnapshot } from './measure-write-plans';
import type { WritePlan, WriteState } from './measure-write-plans';

// Withdrawing (廃止) and restoring a measure (docs/decisions/024-withdrawing-measures.md): measure
// writes like any other (If-Match, version, audit), run by measure-write-service.ts. The period is
// recorded in measure_withdrawals; the measure row's `withdrawn_on` is set or cleared with the version
// claim, so that today's filter reads it from the row.

/** Withdraws the measure from the day named (today when omitted). */
export function planWithdraw(db: Kysely<Database>, body: WithdrawalBody) {
  return async ({ user, target, before, now }: WriteState): Promise<WritePlan<void>> => {
    const periods = (await withdrawalsOf(db, [target.id])).get(target.id) ?? [];
    if (periods.some((p) => p.restoredOn === null)) {
      throw new ApiError(409, 'measure_withdrawn', `${target.code} is already withdrawn; restore it first`);
    }
    const today = jstDateOf(now);
    const date = body.date ?? today;
    const problem = withdrawalProblem(periods, date, { today, createdOn: jstDateOf(new Date(target.createdAt)) });
    if (problem) throw bodyError([{ path: ['date'], message: problem }]);
    const reason = body.reason.trim();
    return {
      changes: { withdrawn_on: date },
      apply: (trx) =>
        insertWithdrawal(trx, { measureId: target.id, withdrawnOn: date, reason, at: now.toISOString(), by: user.id }),
      audit: (after) => [
        {
          action: 'measure.withdraw',
          entityType: 'measure',
          entityCode: target.code,
          before: measureSnapshot(before),
          after: { ...measureSnapshot(after), withdrawal: { date, reason } },
        },
      ],
    };
  };
}

/** Restores a withdrawn measure from the day named (today when omitted): back in lists and figures from then. */
export function planRestore(db: Kysely<Database>, body: WithdrawalBody) {
  return async ({ user, target, before, now }: WriteState): Promise<WritePlan<void>> => {
    const periods = (await withdrawalsOf(db, [target.id])).get(target.id) ?? [];
    const open = periods.find((p) => p.restoredOn === null);
    if (!open) throw new ApiError(409, 'measure_not_withdrawn', `${target.code} is not withdrawn`);
    const today = jstDateOf(now);
    const date = body.date ?? today;
    const problem = restorationProblem(open, date, today);
    if (problem) throw bodyError([{ path: ['date'], message: problem }]);
    const reason = body.reason.trim();
    return {
      changes: { withdrawn_on: null },
      apply: (trx) =>
        closeWithdrawal(trx, { withdrawalId: open.id, restoredOn: date, reason, at: now.toISOString(), by: user.id }),
      audit: (after) => [
        {
          action: 'measure.restore',
          entityType: 'measure',
          entityCode: target.code,
          before: measureSnapshot(before),
          after: { ...measureSnapshot(after), restoration: { date, reason, withdrawnOn: open.withdrawnOn } },
        },
      ],
    };
  };
}
