import { sql } from 'kysely';
import type { Kysely, SqlBool, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { RoundAnswerGroup, RoundMeasureAnswer } from '../domain/round-progress';

// The SQL of rounds (照会, docs/product.md §4 "The follow-up round"). A round's scope is its lead
// ministries (no rows: every ministry) and its fields (no rows: every field; a measure is in scope
// when one of its fields is), among the measures that existed while it was open: a measure created
// after a round closed was never asked. A measure standing withdrawn (廃止, docs/decisions/024) is not
// asked either: it leaves an open round, and a closed one unless withdrawn on a later day (a date
// compared with an ISO instant as text: a later day sorts after every instant of an earlier one).
// Progress is counted by grouping in SQL, never measure by measure.

type Db = Kysely<Database> | Transaction<Database>;

/** The measure `m` is in the scope of the round `rd` (aliases fixed by the callers' queries). */
const IN_SCOPE = sql<SqlBool>`(
  (NOT EXISTS (SELECT 1 FROM round_ministries rm WHERE rm.round_id = rd.id)
    OR EXISTS (SELECT 1 FROM round_ministries rm WHERE rm.round_id = rd.id AND rm.ministry_id = m.lead_ministry_id))
  AND (NOT EXISTS (SELECT 1 FROM round_fields rf WHERE rf.round_id = rd.id)
    OR EXISTS (SELECT 1 FROM round_fields rf INNER JOIN measure_fields mf ON mf.field_id = rf.field_id
               WHERE rf.round_id = rd.id AND mf.measure_id = m.id))
  AND (rd.closed_at IS NULL OR m.created_at <= rd.closed_at)
  AND (m.withdrawn_on IS NULL OR (rd.closed_at IS NOT NULL AND m.withdrawn_on > rd.closed_at)))`;

/** `lr`: the measure's latest report in the round (by time, then id), if any; `rv` its review. */
const LATEST_IN_ROUND = sql`LEFT JOIN status_reports lr ON lr.round_id = rd.id AND lr.measure_id = m.id
  AND NOT EXISTS (SELECT 1 FROM status_reports n WHERE n.round_id = rd.id AND n.measure_id = m.id
    AND (n.reported_at > lr.reported_at OR (n.reported_at = lr.reported_at AND n.id > lr.id)))
  LEFT JOIN report_reviews rv ON rv.report_id = lr.id`;

const ANSWER_STATE = sql`CASE WHEN lr.id IS NULL THEN 'missing' WHEN rv.decision IS NULL THEN 'submitted' ELSE rv.decision END`;
// ISO instants in UTC compare as text.
const LATE = sql`CASE WHEN lr.id IS NOT NULL AND lr.reported_at > rd.due_at THEN 1 ELSE 0 END`;

export interface RoundRecord {
  id: number;
  code: string;
  titleJa: string;
  titleEn: string;
  opensAt: string;
  dueAt: string;
  closedAt: string | null;
  createdAt: string;
  /** Codes, in taxonomy order. */
  ministries: string[];
  fields: string[];
  deadline: string | null;
}

export interface NewRound {
  code: string;
  titleJa: string;
  titleEn: string;
  opensAt: string;
  dueAt: string;
  ministryIds: number[];
  fieldIds: number[];
  deadlineId: number | null;
  createdByUserId: number;
  createdAt: string;
}

export async function insertRound(trx: Db, round: NewRound): Promise<number> {
  const inserted = await trx
    .insertInto('rounds')
    .values({
      code: round.code,
      title_ja: round.titleJa,
      title_en: round.titleEn,
      opens_at: round.opensAt,
      due_at: round.dueAt,
      deadline_id: round.deadlineId,
      created_by_user_id: round.createdByUserId,
      created_at: round.createdAt,
      closed_at: null,
      closed_by_user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (round.ministryIds.length > 0) {
    await trx
      .insertInto('round_ministries')
      .values(round.ministryIds.map((ministryId) => ({ round_id: inserted.id, ministry_id: ministryId })))
      .execute();
  }
  if (round.fieldIds.length > 0) {
    await trx
      .insertInto('round_fields')
      .values(round.fieldIds.map((fieldId) => ({ round_id: inserted.id, field_id: fieldId })))
      .execute();
  }
  return inserted.id;
}

/** Closes an open round; false when it was closed already (by this call's loser of a race, too). */
export async function closeRound(trx: Db, roundId: number, userId: number, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('rounds')
    .set({ closed_at: now, closed_by_user_id: userId })
    .where('id', '=', roundId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rounds, newest opening first (ties: newest id); one round when `code` is given. */
export async function findRounds(db: Db, code?: string): Promise<RoundRecord[]> {
  let query = db
    .selectFrom('rounds as rd')
    .leftJoin('deadlines as d', 'd.id', 'rd.deadline_id')
    .select([
      'rd.id',
      'rd.code',
      'rd.title_ja',
      'rd.title_en',
      'rd.opens_at',
      'rd.due_at',
      'rd.closed_at',
      'rd.created_at',
      'd.code as deadline_code',
    ]);
  if (code !== undefined) query = query.where('rd.code', '=', code);
  const rows = await query.orderBy('rd.opens_at', 'desc').orderBy('rd.id', 'desc').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [ministries, fields] = await Promise.all([
    db
      .selectFrom('round_ministries as x')
      .innerJoin('ministries as t', 't.id', 'x.ministry_id')
      .select(['x.round_id', 't.code'])
      .where('x.round_id', 'in', ids)
      .orderBy('t.sort_order')
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('round_fields as x')
      .innerJoin('fields as t', 't.id', 'x.field_id')
      .select(['x.round_id', 't.code'])
      .where('x.round_id', 'in', ids)
      .orderBy('t.sort_order')
      .orderBy('t.id')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    titleJa: r.title_ja,
    titleEn: r.title_en,
    opensAt: r.opens_at,
    dueAt: r.due_at,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    ministries: ministries.filter((m) => m.round_id === r.id).map((m) => m.code),
    fields: fields.filter((f) => f.round_id === r.id).map((f) => f.code),
    deadline: r.deadline_code,
  }));
}

function answerState(value: unknown): RoundAnswerGroup['state'] {
  return value === 'submitted' || value === 'accepted' || value === 'returned' ? value : 'missing';
}

/**
 * Measures in scope of each round, grouped by round, lead ministry, answer state (the review state
 * of the measure's latest report in the round, or missing) and lateness: one grouped query.
 */
export async function roundAnswerGroups(db: Db, roundIds: readonly number[]): Promise<RoundAnswerGroup[]> {
  if (roundIds.length === 0) return [];
  const result = await sql<{ round_id: number; ministry_id: number; state: string; late: number; n: number | string }>`
    SELECT rd.id AS round_id, m.lead_ministry_id AS ministry_id, ${ANSWER_STATE} AS state, ${LATE} AS late, COUNT(*) AS n
    FROM rounds rd
    INNER JOIN measures m ON ${IN_SCOPE}
    ${LATEST_IN_ROUND}
    WHERE rd.id IN (${sql.join(roundIds)})
    GROUP BY 1, 2, 3, 4`.execute(db);
  return result.rows.map((r) => ({
    roundId: Number(r.round_id),
    ministryId: Number(r.ministry_id),
    state: answerState(r.state),
    late: Number(r.late) === 1,
    count: Number(r.n),
  }));
}

/** Every measure in the round's scope with its latest report in the round: by lead ministry (taxonomy order), then code. */
export async function roundMeasureAnswers(db: Db, roundId: number): Promise<RoundMeasureAnswer[]> {
  const result = await sql<{
    code: string;
    title_ja: string;
    title_en: string;
    lead_code: string;
    report_id: number | null;
    reported_at: string | null;
    state: string;
    late: number;
    comment: string | null;
  }>`
    SELECT m.code, m.title_ja, m.title_en, mi.code AS lead_code, lr.id AS report_id, lr.reported_at,
      ${ANSWER_STATE} AS state, ${LATE} AS late, rv.comment
    FROM rounds rd
    INNER JOIN measures m ON ${IN_SCOPE}
    INNER JOIN ministries mi ON mi.id = m.lead_ministry_id
    ${LATEST_IN_ROUND}
    WHERE rd.id = ${roundId}
    ORDER BY mi.sort_order, mi.id, m.code`.execute(db);
  return result.rows.map((r) => {
    const state = answerState(r.state);
    return {
      code: r.code,
      titleJa: r.title_ja,
      titleEn: r.title_en,
      leadMinistry: r.lead_code,
      state,
      late: Number(r.late) === 1,
      reportId: r.report_id === null ? null : Number(r.report_id),
      reportedAt: r.reported_at,
      comment: state === 'returned' ? r.comment : null,
    };
  });
}

/**
 * The round a report filed now belongs to (docs/product.md §4): open at that instant (opened, not
 * closed) with the measure in scope; of several, the latest to open, then the highest id. Runs in
 * the report's own transaction, so the report and its round are written together.
 */
export async function roundForReport(trx: Db, measureId: number, reportedAt: string): Promise<number | null> {
  // On PostgreSQL the round row is share-locked until the report commits, so a concurrent close waits
  // for it (and a report waiting on a close sees the round closed). SQLite serialises writers anyway.
  const lock = dialectOf(trx) === 'postgres' ? sql`FOR SHARE OF rd` : sql``;
  const result = await sql<{ id: number }>`
    SELECT rd.id FROM rounds rd
    INNER JOIN measures m ON m.id = ${measureId} AND ${IN_SCOPE}
    WHERE rd.opens_at <= ${reportedAt} AND rd.closed_at IS NULL
    ORDER BY rd.opens_at DESC, rd.id DESC
    LIMIT 1 ${lock}`.execute(trx);
  const row = result.rows[0];
  return row ? Number(row.id) : null;
}
