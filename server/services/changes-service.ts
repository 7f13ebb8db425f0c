import { endOfJstDay, isIsoDate, jstDateOf, jstDateOfInstant, minIso } from '../../common/calendar';
import type { AppDeps } from '../app-env';
import { changesBetween, changesWindow } from '../domain/changes';
import { ApiError, invalidParameter } from '../errors';
import { resolveFilters } from '../filters';
import { changeSnapshots } from '../repositories/changes-repository';
import { findEditionEnd, latestEditionOfMeeting } from '../repositories/editions-repository';
import type { ResolvedFilters } from '../repositories/measure-filter';
import type { Taxonomy } from '../repositories/taxonomy-repository';
import { CHANGES_DEFAULT_LIMIT, CHANGE_KINDS } from '../schemas/meeting-pack';
import type { ChangeItem, ChangeKind, ChangesPageQuery, ChangesQuery, ChangesResponse } from '../schemas/meeting-pack';
import { EARLIEST_AS_OF } from '../schemas/query';

// What changed between two instants (docs/product.md §4 "The meeting pack", docs/decisions/014-
// changes-between-instants.md). Each end is a date (the end of that JST day, capped at now, as an
// as-of date is) or an edition (the instant it froze); by default from the last meeting's latest
// edition, or the end of its day, to now.

type ChangesDeps = Pick<AppDeps, 'db' | 'taxonomy' | 'now'>;

type End = ChangesResponse['from'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether an answer with this `to` names a fixed instant (an edition, or a day before today), so that
 * it may be kept by the response cache (docs/decisions/019-data-version-cache.md): without `to`, or
 * with today's date, the end is now, and the answer names the instant it was made.
 */
export function changesEndIsFixed(to: string | null, now: Date): boolean {
  if (to === null) return false;
  return !DATE.test(to) || to < jstDateOf(now);
}

async function resolveEnd(
  deps: ChangesDeps,
  taxonomy: Taxonomy,
  parameter: 'from' | 'to',
  value: string,
  now: Date,
): Promise<End> {
  const nowIso = now.toISOString();
  const today = jstDateOf(now);
  if (DATE.test(value)) {
    if (!isIsoDate(value)) throw invalidParameter(parameter, 'must be a real date in YYYY-MM-DD form');
    if (value < EARLIEST_AS_OF) throw invalidParameter(parameter, `must be on or after ${EARLIEST_AS_OF}`);
    if (value > today) throw invalidParameter(parameter, `must not be after today (${today})`);
    return {
      instant: minIso(endOfJstDay(value), nowIso),
      date: value,
      edition: null,
      meeting: taxonomy.meetings.find((m) => m.date === value)?.code ?? null,
    };
  }
  const edition = await findEditionEnd(deps.db, value);
  if (!edition) throw invalidParameter(parameter, `no such edition: ${value}`);
  if (edition.asOfInstant > nowIso) throw invalidParameter(parameter, 'the edition is in the future');
  return {
    instant: edition.asOfInstant,
    date: jstDateOfInstant(edition.asOfInstant),
    edition: edition.code,
    meeting: edition.meeting,
  };
}

/** The default `from`: the last meeting held (date ≤ today), its latest edition if any, else the end of its day. */
async function defaultFrom(deps: ChangesDeps, taxonomy: Taxonomy, now: Date): Promise<End> {
  const today = jstDateOf(now);
  // A retired meeting was not held as planned (decision 026): the default starts at the one before.
  const meeting = taxonomy.meetings.filter((m) => !m.retired && m.date <= today).at(-1);
  if (!meeting) {
    throw new ApiError(400, 'from_required', 'from: no meeting has been held yet; give from (a date or an edition code)', [
      { path: ['from'], message: 'required: no meeting has been held yet' },
    ]);
  }
  const edition = await latestEditionOfMeeting(deps.db, meeting.code);
  if (edition && edition.asOfInstant <= now.toISOString()) {
    return {
      instant: edition.asOfInstant,
      date: jstDateOfInstant(edition.asOfInstant),
      edition: edition.code,
      meeting: meeting.code,
    };
  }
  return {
    instant: minIso(endOfJstDay(meeting.date), now.toISOString()),
    date: meeting.date,
    edition: null,
    meeting: meeting.code,
  };
}

export interface ResolvedChanges {
  from: End;
  to: End;
  /** The list filters (and basis) as of `to`: which measures are compared. */
  toFilters: ResolvedFilters;
  /** The state as of `from`, over every measure (each is compared with itself, whatever it was then). */
  fromState: ResolvedFilters;
}

/** Resolves both ends and the filters; every refusal (400) happens here, before any read of the log. */
export async function resolveChanges(deps: ChangesDeps, query: ChangesQuery): Promise<ResolvedChanges> {
  const { from: fromParam, to: toParam, lang, asOf, ...filterInput } = query;
  void lang;
  if (asOf !== undefined) throw invalidParameter('asOf', 'not used by the changes: give from and to');
  const taxonomy = await deps.taxonomy();
  const now = deps.now();
  const nowIso = now.toISOString();
  const to: End =
    toParam === undefined
      ? { instant: nowIso, date: jstDateOf(now), edition: null, meeting: null }
      : await resolveEnd(deps, taxonomy, 'to', toParam, now);
  const from =
    fromParam === undefined ? await defaultFrom(deps, taxonomy, now) : await resolveEnd(deps, taxonomy, 'from', fromParam, now);
  if (from.instant >= to.instant) {
    throw invalidParameter('from', `must be before to (${from.instant} is not before ${to.instant})`);
  }
  const live = resolveFilters(filterInput, taxonomy, now);
  const toFilters: ResolvedFilters = {
    ...live,
    asOf: to.date,
    asOfInstant: to.instant,
    historical: to.instant !== nowIso,
  };
  const fromState: ResolvedFilters = {
    ...toFilters,
    fieldIds: null,
    ministryIds: null,
    pillarIds: null,
    instrumentIds: null,
    statuses: null,
    healths: null,
    terms: [],
    asOf: from.date,
    asOfInstant: from.instant,
    historical: true,
  };
  return { from, to, toFilters, fromState };
}

/** Every item between the two ends, and the counts: what the export writes and GET /changes pages. */
export interface AllChanges {
  from: End;
  to: End;
  basis: ChangesResponse['basis'];
  counts: Record<ChangeKind, number>;
  items: ChangeItem[];
}

/**
 * GET /changes: the counts of every kind between the two ends, and a window of the items — of each
 * kind asked for, `limit` (100 by default) after `offset` (docs/decisions/027-changes-paged-by-kind.md).
 * Up to now, every item is kept for the cache's frame and `to` is the instant of each request: nothing
 * the items show can change within a frame without a write (docs/decisions/019-data-version-cache.md).
 * An answer with a fixed end is kept whole by the HTTP cache instead.
 */
export async function changesReport(
  deps: ChangesDeps & Pick<AppDeps, 'responseCache' | 'changesMemo'>,
  query: ChangesPageQuery,
): Promise<ChangesResponse> {
  const { kind, limit = CHANGES_DEFAULT_LIMIT, offset = 0, ...ends } = query;
  const all = await allChangesOf(deps, ends);
  // The kinds asked for, in CHANGE_KINDS order (the order of the items), however they were given.
  const kinds = kind === undefined ? null : CHANGE_KINDS.filter((k) => kind.includes(k));
  const page = { kinds, limit, offset };
  return {
    from: all.from,
    to: all.to,
    basis: all.basis,
    counts: all.counts,
    ...changesWindow(all.items, all.counts, page),
    page: { ...page, kinds: kinds ?? [...CHANGE_KINDS] },
  };
}

async function allChangesOf(
  deps: ChangesDeps & Pick<AppDeps, 'responseCache' | 'changesMemo'>,
  query: ChangesQuery,
): Promise<AllChanges> {
  const resolved = await resolveChanges(deps, query);
  if (resolved.toFilters.historical) return changesOf(deps, resolved);
  // Read before computing: an answer kept under a frame reflects at least that frame's data.
  const frame = await deps.responseCache.frame();
  const key = JSON.stringify([resolved.from, resolved.to.date, { ...resolved.toFilters, asOfInstant: null }]);
  const answer = await deps.changesMemo.get(frame, key, () => changesOf(deps, resolved));
  return { ...answer, to: resolved.to };
}

export async function changesOf(deps: ChangesDeps, r: ResolvedChanges): Promise<AllChanges> {
  const snapshots = await changeSnapshots(deps.db, r.toFilters, r.fromState);
  const { items, counts } = changesBetween({
    from: { instant: r.from.instant, date: r.from.date },
    to: { instant: r.to.instant, date: r.to.date },
    ...snapshots,
  });
  return { from: r.from, to: r.to, basis: r.toFilters.basis, counts, items };
}
