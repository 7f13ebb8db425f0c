import { endOfJstDay, isIsoDate, startOfJstDay } from '../../common/calendar';
import { canManageRounds } from '../../common/roles';
import type { SessionUser } from '../../common/roles';
import { isUniqueViolation } from '../../db/dialect';
import type { AppDeps } from '../app-env';
import { roundByMinistry, roundState, roundTotals } from '../domain/round-progress';
import type { RoundAnswerGroup } from '../domain/round-progress';
import { ApiError, forbidden } from '../errors';
import type { ApiIssue } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import {
  closeRound as closeRoundRow,
  findRounds,
  insertRound,
  roundAnswerGroups,
  roundMeasureAnswers,
} from '../repositories/rounds-repository';
import type { RoundRecord } from '../repositories/rounds-repository';
import type { Taxonomy } from '../repositories/taxonomy-repository';
import type { RoundDetailResponse, RoundListResponse, RoundSummary } from '../schemas/follow-up';
import type { RoundCreateBody } from '../schemas/rounds';

// Rounds (照会, docs/product.md §4 "The follow-up round"): the secretariat calls for reports from
// the ministries in scope by a due date, follows the answers, and closes the round. Every opening
// and closing is audited.

type RoundDeps = Pick<AppDeps, 'db' | 'now' | 'taxonomy'>;

export interface RoundWriteRequest {
  user: SessionUser;
  requestId: string;
}

/** A day in Japan opens at its first instant and is due at its last; an instant is taken as given. */
function instantOf(value: string, edge: 'start' | 'end'): string {
  if (isIsoDate(value)) return edge === 'start' ? startOfJstDay(value) : endOfJstDay(value);
  return new Date(value).toISOString();
}

function summaryOf(round: RoundRecord, groups: readonly RoundAnswerGroup[], now: Date): RoundSummary {
  return {
    code: round.code,
    titleJa: round.titleJa,
    titleEn: round.titleEn,
    opensAt: round.opensAt,
    dueAt: round.dueAt,
    closedAt: round.closedAt,
    state: roundState(round, now.toISOString()),
    ministries: round.ministries,
    fields: round.fields,
    deadline: round.deadline,
    totals: roundTotals(groups.filter((g) => g.roundId === round.id)),
  };
}

async function detailOf(deps: RoundDeps, round: RoundRecord): Promise<RoundDetailResponse> {
  const [groups, measures, taxonomy] = await Promise.all([
    roundAnswerGroups(deps.db, [round.id]),
    roundMeasureAnswers(deps.db, round.id),
    deps.taxonomy(),
  ]);
  return {
    ...summaryOf(round, groups, deps.now()),
    byMinistry: roundByMinistry(groups, taxonomy.ministries),
    measures,
  };
}

async function findRound(deps: RoundDeps, code: string): Promise<RoundRecord> {
  const [round] = await findRounds(deps.db, code);
  if (!round) throw new ApiError(404, 'not_found', `No round with code ${code}`);
  return round;
}

/** GET /rounds: newest opening first, each with its totals (one grouped query for all of them). */
export async function listRounds(deps: RoundDeps): Promise<RoundListResponse> {
  const rounds = await findRounds(deps.db);
  const groups = await roundAnswerGroups(
    deps.db,
    rounds.map((r) => r.id),
  );
  const now = deps.now();
  return { items: rounds.map((r) => summaryOf(r, groups, now)) };
}

/** GET /rounds/:code: the round with its progress per ministry and per measure. */
export async function roundDetail(deps: RoundDeps, code: string): Promise<RoundDetailResponse> {
  return detailOf(deps, await findRound(deps, code));
}

function resolveCodes(
  taxonomy: Taxonomy,
  kind: 'ministries' | 'fields',
  field: string,
  codes: readonly string[],
  issues: ApiIssue[],
) {
  const byCode = new Map(taxonomy[kind].map((row) => [row.code, row.id]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) {
    issues.push({ path: [field], message: `unknown code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` });
  }
  return codes.map((c) => byCode.get(c) ?? -1);
}

function roundExists(code: string): ApiError {
  return new ApiError(409, 'round_exists', `A round with code ${code} exists already; choose another code`);
}

/** POST /rounds. */
export async function createRound(
  deps: RoundDeps,
  request: RoundWriteRequest,
  body: RoundCreateBody,
): Promise<RoundDetailResponse> {
  const { user } = request;
  if (!canManageRounds(user)) throw forbidden('Only the secretariat or an administrator may open a round');
  const taxonomy = await deps.taxonomy();
  const issues: ApiIssue[] = [];
  const opensAt = instantOf(body.opensAt, 'start');
  const dueAt = instantOf(body.dueAt, 'end');
  if (dueAt <= opensAt) issues.push({ path: ['dueAt'], message: `must be after opensAt (${opensAt})` });
  const ministryIds = resolveCodes(taxonomy, 'ministries', 'ministries', body.ministries ?? [], issues);
  const fieldIds = resolveCodes(taxonomy, 'fields', 'fields', body.fields ?? [], issues);
  let deadlineId: number | null = null;
  if (body.deadline) {
    const deadline = taxonomy.deadlines.find((d) => d.code === body.deadline);
    if (!deadline) issues.push({ path: ['deadline'], message: `unknown code: ${body.deadline}` });
    // A retired deadline is not offered for new rounds; rounds opened against it keep it (decision 026).
    else if (deadline.retired) issues.push({ path: ['deadline'], message: `deadline ${body.deadline} is retired` });
    else deadlineId = deadline.id;
  }
  if (issues.length > 0) {
    throw new ApiError(400, 'invalid_parameter', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issues);
  }
  if ((await findRounds(deps.db, body.code)).length > 0) throw roundExists(body.code);

  const now = deps.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertRound(trx, {
        code: body.code,
        titleJa: body.titleJa,
        titleEn: body.titleEn,
        opensAt,
        dueAt,
        ministryIds,
        fieldIds,
        deadlineId,
        createdByUserId: user.id,
        createdAt: now.toISOString(),
      });
      const [created] = await findRounds(trx, body.code);
      if (!created) throw new Error(`Round ${body.code} vanished while it was created`);
      await writeAudit(trx, {
        actor: user,
        action: 'round.open',
        entityType: 'round',
        entityCode: body.code,
        before: null,
        after: summaryOf(created, await roundAnswerGroups(trx, [created.id]), now),
        requestId: request.requestId,
        now,
      });
    });
  } catch (error) {
    // Two callers creating the same code at once: the unique index lets one through.
    if (isUniqueViolation(error)) throw roundExists(body.code);
    throw error;
  }
  return roundDetail(deps, body.code);
}

/** POST /rounds/:code/close: the round takes no more reports. */
export async function closeRound(deps: RoundDeps, request: RoundWriteRequest, code: string): Promise<RoundDetailResponse> {
  const { user } = request;
  if (!canManageRounds(user)) throw forbidden('Only the secretariat or an administrator may close a round');
  const round = await findRound(deps, code);
  const now = deps.now();
  const alreadyClosed = () => new ApiError(409, 'round_closed', `Round ${code} is closed already`);
  if (round.closedAt !== null) throw alreadyClosed();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await closeRoundRow(trx, round.id, user.id, now.toISOString()))) throw alreadyClosed();
    const [closed] = await findRounds(trx, code);
    if (!closed) throw new Error(`Round ${code} vanished while it was closed`);
    const groups = await roundAnswerGroups(trx, [round.id]);
    await writeAudit(trx, {
      actor: user,
      action: 'round.close',
      entityType: 'round',
      entityCode: code,
      before: summaryOf(round, groups, now),
      after: summaryOf(closed, groups, now),
      requestId: request.requestId,
      now,
    });
  });
  return roundDetail(deps, code);
}
