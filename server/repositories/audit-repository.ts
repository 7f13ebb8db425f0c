import { sql } from 'kysely';
import type { Kysely, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../common/roles';

// The audit trail (docs/product.md §7): one row per change, written by the same transaction as the
// change itself, so that a change without its audit row (or the reverse) cannot be committed.
// The table is append-only in the database (triggers of migration 003): this module only inserts
// and reads.

export interface AuditEntryInput {
  /** Who made the change; null for a change made by the system itself. */
  actor: Pick<SessionUser, 'id' | 'email' | 'role'> | null;
  /** What was done, `<entity>.<verb>`: `measure.report`, `measure.update`, `milestone.create`, … */
  action: string;
  entityType: string;
  /** The entity's stable code (a measure code; `<measure code>/milestones/<id>` for a milestone). */
  entityCode: string;
  /** The entity before the change (null when it is created); stored as JSON text. */
  before: unknown;
  /** The entity after the change (null when it is removed); stored as JSON text. */
  after: unknown;
  requestId: string | null;
  now: Date;
}

/** Appends one audit row; call it with the transaction that makes the change. */
export async function writeAudit(trx: Transaction<Database> | Kysely<Database>, entry: AuditEntryInput): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      occurred_at: entry.now.toISOString(),
      actor_user_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      actor_role: entry.actor?.role ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_code: entry.entityCode,
      before_json: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: entry.requestId,
    })
    .execute();
}

export interface AuditFilter {
  /** An entity code; a measure code also matches the rows of its milestones (`CODE/milestones/…`) and report reviews (`CODE#…`). */
  entity?: string;
  entityType?: string;
  /** The actor's email (stored lower-cased). */
  actor?: string;
  /** Inclusive instant bounds (ISO, UTC). */
  fromInstant?: string;
  toInstant?: string;
  page: number;
  pageSize: number;
}

/** A stored row: what was written, with its id, its time and the actor as they were then. */
export interface AuditRow extends Pick<
  AuditEntryInput,
  'action' | 'entityType' | 'entityCode' | 'before' | 'after' | 'requestId'
> {
  id: number;
  occurredAt: string;
  actor: { email: string; role: string } | null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Written by writeAudit only, so this cannot happen; show the raw text rather than fail the page.
    return text;
  }
}

/** Audit rows matching the filter, newest first, with the total count. */
export async function listAudit(db: Kysely<Database>, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (f.entity !== undefined) {
    const entity = f.entity;
    const variants = [...new Set([entity, entity.toUpperCase()])];
    query = query.where((eb) =>
      eb.or([
        eb('entity_code', 'in', variants),
        // A prefix test without LIKE: SQLite's LIKE ignores case and has no default escape character.
        ...variants.map((v) => sql<SqlBool>`substr(entity_code, 1, ${sql.lit(v.length + 1)}) = ${`${v}/`}`),
        // And the reviews of its reports (`CODE#<report id>`, docs/product.md §4 "The follow-up round").
        ...variants.map((v) => sql<SqlBool>`substr(entity_code, 1, ${sql.lit(v.length + 1)}) = ${`${v}#`}`),
      ]),
    );
  }
  if (f.entityType !== undefined) query = query.where('entity_type', '=', f.entityType);
  if (f.actor !== undefined) query = query.where('actor_email', '=', f.actor.trim().toLowerCase());
  if (f.fromInstant !== undefined) query = query.where('occurred_at', '>=', f.fromInstant);
  if (f.toInstant !== undefined) query = query.where('occurred_at', '<=', f.toInstant);

  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
  ]);
  const items = rows.map((r): AuditRow => ({
    id: r.id,
    occurredAt: r.occurred_at,
    actor: r.actor_email === null ? null : { email: r.actor_email, role: r.actor_role ?? '' },
    action: r.action,
    entityType: r.entity_type,
    entityCode: r.entity_code,
    before: parseJson(r.before_json),
    after: parseJson(r.after_json),
    requestId: r.request_id,
  }));
  return { items, total: Number(count.n) };
}
