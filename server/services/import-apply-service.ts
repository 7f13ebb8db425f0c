import type { SessionUser } from '../../common/roles';
import type { AppDeps } from '../app-env';
import { ApiError, requireUser } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import { claimImport } from '../repositories/import-repository';
import { claimVersion, findWriteTarget } from '../repositories/measure-writes-repository';
import type { ImportApplyResponse } from '../schemas/imports';
import type { ErrorResponse } from '../schemas/responses';
import { reportBody } from '../schemas/writes';
import { planReport } from './measure-write-plans';
import { currentView } from './measure-write-service';
import { readMeasure } from './measures-service';
import { findVisibleImport, importView, reportInputOf } from './import-service';

// Applying a checked survey-form upload (docs/product.md §4): every change in ONE transaction, each
// measure through the write path's own plan (planReport) behind its version gate, at the version
// the dry run saw. If any measure moved on since, or the import was applied meanwhile, the whole
// transaction rolls back: nothing is written.

export type ImportApplyOutcome =
  | { kind: 'applied'; body: ImportApplyResponse }
  /** The import has row errors or nothing to apply: answered 422. */
  | { kind: 'unprocessable'; body: ErrorResponse };

export async function applyImport(
  deps: Pick<AppDeps, 'db' | 'now' | 'taxonomy'>,
  input: { user: SessionUser | null; id: string; requestId: string },
): Promise<ImportApplyOutcome> {
  const record = await findVisibleImport(deps, input.user, input.id);
  const user = requireUser(input.user);
  const now = deps.now();
  const view = importView(record, now);
  if (record.appliedAt !== null)
    throw new ApiError(409, 'already_applied', `Import ${record.id} was applied at ${record.appliedAt}`);
  // An expired dry run is answered 409 like any other stale one: the states it checked are too old to trust.
  if (now.toISOString() >= record.expiresAt) {
    throw new ApiError(409, 'import_expired', `Import ${record.id} expired at ${record.expiresAt}; upload the file again`);
  }
  if (view.errors.length > 0) {
    const message = `Import ${record.id} has ${view.errors.length} row error(s); fix the file and upload it again`;
    return { kind: 'unprocessable', body: { error: { code: 'import_has_errors', message } } };
  }
  if (view.conflicts.length > 0) {
    const codes = view.conflicts.map((c) => c.code).join(', ');
    throw new ApiError(409, 'import_conflict', `Changed since the template was made: ${codes}; download it again`);
  }
  if (view.changes.length === 0) {
    return {
      kind: 'unprocessable',
      body: { error: { code: 'nothing_to_apply', message: `Import ${record.id} changes nothing` } },
    };
  }

  const measureView = currentView(now);
  const codes = await deps.db.transaction().execute(async (trx) => {
    // First statement: the import is claimed (a second apply loses here), and SQLite's write lock taken.
    if (!(await claimImport(trx, record.id, now.toISOString()))) {
      throw new ApiError(409, 'already_applied', `Import ${record.id} was applied meanwhile`);
    }
    const applied: string[] = [];
    for (const change of view.changes) {
      const [target, before] = await Promise.all([findWriteTarget(trx, change.code), readMeasure(trx, change.code, measureView)]);
      if (!target || !before || before.version !== change.version) {
        throw new ApiError(409, 'import_conflict', `${change.code} changed after the dry run; upload the file again`);
      }
      const plan = planReport(reportBody.parse(reportInputOf(change)))({ user, target, before, now });
      if (!(await claimVersion(trx, target.id, change.version, { ...plan.changes, updated_at: now.toISOString() }))) {
        throw new ApiError(409, 'import_conflict', `${change.code} changed after the dry run; upload the file again`);
      }
      const reportId = await plan.apply(trx);
      const after = await readMeasure(trx, target.code, measureView);
      if (!after) throw new Error(`Measure ${target.code} vanished during an import`);
      for (const entry of plan.audit(after, reportId)) {
        const named = { ...(typeof entry.after === 'object' && entry.after !== null ? entry.after : {}), importId: record.id };
        await writeAudit(trx, { ...entry, after: named, actor: user, requestId: input.requestId, now });
      }
      applied.push(target.code);
    }
    await writeAudit(trx, {
      action: 'import.apply',
      entityType: 'import',
      entityCode: `imports/${record.id}`,
      before: null,
      after: { importId: record.id, ministry: record.ministry, fileName: record.fileName, measures: applied },
      actor: user,
      requestId: input.requestId,
      now,
    });
    return applied;
  });
  return { kind: 'applied', body: { applied: codes.length, codes } };
}
