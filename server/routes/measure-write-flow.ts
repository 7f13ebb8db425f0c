import type { Context } from 'hono';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppDeps, AppEnv } from '../app-env';
import { requireUser } from '../auth/guards';
import { canEditMeasure } from '../../common/roles';
import type { SessionUser } from '../../common/roles';
import { jstDateOf } from '../../common/calendar';
import { ApiError } from '../errors';
import type { ApiIssue } from '../errors';
import { parseIfMatch } from '../preconditions';
import { writeAudit } from '../repositories/audit-repository';
import { claimVersion, findWriteTarget } from '../repositories/measure-writes-repository';
import type { MeasureRowChanges, WriteTarget } from '../repositories/measure-writes-repository';
import { findMeasureByCode } from '../repositories/measures-repository';
import type { MeasureDetailResponse, MilestoneDto } from '../schemas/responses';

// One measure write, the same for every write route (issue 4):
//   load the measure → authorise → check If-Match (428 / 412) → let the route validate its body
//   against that state and plan the change → in ONE transaction: claim the version (the atomic
//   compare-and-bump that makes concurrent writers lose with 412), apply the change, read the new
//   state, append the audit rows → answer with the new state.
// Validation runs against the state read before the transaction; that is sound because the
// transaction only commits if the version is still the one that state was read at, and every
// change to a measure or its milestones bumps that version.

export const AUDIT_ACTIONS = ['measure.report', 'measure.update', 'milestone.create', 'milestone.update'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface WriteContext {
  user: SessionUser;
  target: WriteTarget;
  /** The measure as it is now (today's view), at the version the client named. */
  before: MeasureDetailResponse;
  now: Date;
}

export interface AuditSpec {
  action: AuditAction;
  entityType: 'measure' | 'milestone';
  entityCode: string;
  before: unknown;
  after: unknown;
}

export interface WritePlan<R> {
  /** Columns set on the measure row by the same statement that bumps its version. */
  changes: MeasureRowChanges;
  /** The rest of the change, inside the transaction, after the version was claimed. */
  apply(trx: Transaction<Database>): Promise<R>;
  /** The audit rows, given the state after the change. */
  audit(after: MeasureDetailResponse, result: R): AuditSpec[];
}

export type WriteOutcome<R> =
  | { kind: 'written'; measure: MeasureDetailResponse; result: R }
  /** The If-Match named an older version (or a concurrent writer won): answer 412 with `current`. */
  | { kind: 'stale'; current: MeasureDetailResponse };

/** Thrown inside the transaction when the version gate matched no row; rolls everything back. */
class StaleVersion extends Error {}

/** Today's view of a measure, the one writes are made against. */
export function currentView(now: Date) {
  return { asOf: jstDateOf(now), asOfInstant: now.toISOString(), historical: false } as const;
}

export async function runMeasureWrite<R>(
  deps: AppDeps,
  c: Context<AppEnv>,
  code: string,
  plan: (context: WriteContext) => WritePlan<R> | Promise<WritePlan<R>>,
): Promise<WriteOutcome<R>> {
  const user = requireUser(c.get('user'));
  const now = deps.now();
  const view = currentView(now);
  const [target, before] = await Promise.all([findWriteTarget(deps.db, code), findMeasureByCode(deps.db, code, view)]);
  if (!target || !before) throw new ApiError(404, 'not_found', `No measure with code ${code}`);
  // The route's guard checked this already; checked again here so that no write path can skip it.
  if (!canEditMeasure(user, target.leadMinistry)) throw new ApiError(403, 'forbidden', `You may not change ${target.code}`);

  const precondition = parseIfMatch(c.req.header('if-match'));
  if (precondition.kind !== 'versions') {
    throw new ApiError(
      428,
      'precondition_required',
      `Send If-Match with the measure's ETag (from GET /api/v1/measures/${target.code}) so that no one else's change is overwritten`,
    );
  }
  if (!precondition.versions.includes(before.version)) return { kind: 'stale', current: before };

  const planned = await plan({ user, target, before, now });
  try {
    const { measure, result } = await deps.db.transaction().execute(async (trx) => {
      const claimed = await claimVersion(trx, target.id, before.version, { ...planned.changes, updated_at: now.toISOString() });
      if (!claimed) throw new StaleVersion();
      const result = await planned.apply(trx);
      const after = await findMeasureByCode(trx, target.code, view);
      if (!after) throw new Error(`Measure ${target.code} vanished during a write`);
      for (const entry of planned.audit(after, result)) {
        await writeAudit(trx, { ...entry, actor: user, requestId: c.get('requestId') ?? null, now });
      }
      return { measure: after, result };
    });
    return { kind: 'written', measure, result };
  } catch (error) {
    if (!(error instanceof StaleVersion)) throw error;
    const current = await findMeasureByCode(deps.db, target.code, view);
    if (!current) throw new ApiError(404, 'not_found', `No measure with code ${code}`);
    return { kind: 'stale', current };
  }
}

/** A 400 naming every problem found in a body checked against the measure's state. */
export function bodyError(issues: ApiIssue[]): ApiError {
  return new ApiError(400, 'invalid_parameter', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issues);
}

/** The audit trail keeps a measure's state without its report log (the log is its own history). */
export function measureSnapshot(measure: MeasureDetailResponse): Omit<MeasureDetailResponse, 'reports'> {
  const snapshot: Partial<MeasureDetailResponse> & Omit<MeasureDetailResponse, 'reports'> = { ...measure };
  delete snapshot.reports;
  return snapshot;
}

export interface MilestoneSnapshot {
  measureCode: string;
  /** The measure's version after (or before) the change: a milestone change is a measure change. */
  measureVersion: number;
  milestone: MilestoneDto;
}

export function milestoneSnapshot(measure: MeasureDetailResponse, milestoneId: number): MilestoneSnapshot | null {
  const milestone = measure.milestoneList.find((m) => m.id === milestoneId);
  return milestone ? { measureCode: measure.code, measureVersion: measure.version, milestone } : null;
}

export function milestoneEntityCode(measureCode: string, milestoneId: number): string {
  return `${measureCode}/milestones/${milestoneId}`;
}
