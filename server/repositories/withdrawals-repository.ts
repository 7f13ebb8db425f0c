import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { WithdrawalRecord } from '../domain/withdrawals';

// The SQL of withdrawals (廃止, docs/decisions/024-withdrawing-measures.md): the periods of each
// measure, read for the measures a page or a detail shows, and the two writes, each run inside the
// transaction of one measure write (measure-write-service.ts) after its version was claimed.

type Db = Kysely<Database> | Transaction<Database>;

/** Every withdrawal period of the given measures, oldest first. */
export async function withdrawalsOf(db: Db, measureIds: readonly number[]): Promise<Map<number, WithdrawalRecord[]>> {
  const result = new Map<number, WithdrawalRecord[]>();
  if (measureIds.length === 0) return result;
  const rows = await db
    .selectFrom('measure_withdrawals as w')
    .innerJoin('users as wu', 'wu.id', 'w.withdrawn_by')
    .leftJoin('users as ru', 'ru.id', 'w.restored_by')
    .select([
      'w.id',
      'w.measure_id',
      'w.withdrawn_on',
      'w.reason',
      'w.withdrawn_at',
      'wu.email as withdrawn_by',
      'w.restored_on',
      'w.restore_reason',
      'w.restored_at',
      'ru.email as restored_by',
    ])
    .where('w.measure_id', 'in', [...measureIds])
    .orderBy('w.measure_id')
    .orderBy('w.withdrawn_on')
    .orderBy('w.id')
    .execute();
  for (const r of rows) {
    const list = result.get(r.measure_id) ?? [];
    list.push({
      id: r.id,
      withdrawnOn: r.withdrawn_on,
      restoredOn: r.restored_on,
      reason: r.reason,
      withdrawnAt: r.withdrawn_at,
      withdrawnBy: r.withdrawn_by,
      restoreReason: r.restore_reason,
      restoredAt: r.restored_at,
      restoredBy: r.restored_by,
    });
    result.set(r.measure_id, list);
  }
  return result;
}

/** Opens a withdrawal period (the caller set measures.withdrawn_on with the version claim). */
export async function insertWithdrawal(
  trx: Transaction<Database>,
  row: { measureId: number; withdrawnOn: string; reason: string; at: string; by: number },
): Promise<void> {
  await trx
    .insertInto('measure_withdrawals')
    .values({
      measure_id: row.measureId,
      withdrawn_on: row.withdrawnOn,
      reason: row.reason,
      withdrawn_at: row.at,
      withdrawn_by: row.by,
    })
    .execute();
}

/** Closes the measure's open withdrawal period (the caller cleared measures.withdrawn_on). */
export async function closeWithdrawal(
  trx: Transaction<Database>,
  row: { withdrawalId: number; restoredOn: string; reason: string; at: string; by: number },
): Promise<void> {
  await trx
    .updateTable('measure_withdrawals')
    .set({ restored_on: row.restoredOn, restore_reason: row.reason, restored_at: row.at, restored_by: row.by })
    .where('id', '=', row.withdrawalId)
    .where('restored_on', 'is', null)
    .execute();
}
