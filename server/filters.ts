import { endOfJstDay, jstDateOf } from '../common/calendar';
import { deadlineInForce, daysLeft } from './domain/derived-figures';
import { searchTerms } from './domain/search-text';
import { invalidParameter } from './errors';
import type { ResolvedFilters } from './repositories/measure-filter';
import type { DeadlineRow, Taxonomy, TaxonomyKind } from './repositories/taxonomy-repository';
import type { filterShape } from './schemas/query';
import type { z } from 'zod';

type FilterInput = { [K in keyof typeof filterShape]?: z.output<(typeof filterShape)[K]> };

function resolveCodes(taxonomy: Taxonomy, kind: TaxonomyKind, parameter: string, codes: string[] | undefined): number[] | null {
  if (!codes || codes.length === 0) return null;
  const byCode = new Map(taxonomy[kind].map((row) => [row.code, row.id]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) {
    throw invalidParameter(parameter, `unknown code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  }
  return codes.map((c) => byCode.get(c) ?? -1);
}

/** Turns validated query parameters into database ids and an as-of instant; unknown codes are 400s. */
export function resolveFilters(input: FilterInput, taxonomy: Taxonomy, now: Date): ResolvedFilters {
  const today = jstDateOf(now);
  const asOf = input.asOf ?? today;
  if (asOf > today) throw invalidParameter('asOf', `must not be after today (${today})`);
  const historical = asOf < today;
  return {
    fieldIds: resolveCodes(taxonomy, 'fields', 'field', input.field),
    ministryIds: resolveCodes(taxonomy, 'ministries', 'ministry', input.ministry),
    pillarIds: resolveCodes(taxonomy, 'pillars', 'pillar', input.pillar),
    instrumentIds: resolveCodes(taxonomy, 'instruments', 'instrument', input.instrument),
    partnerIds: resolveCodes(taxonomy, 'ministries', 'partner', input.partner),
    statuses: input.status && input.status.length > 0 ? input.status : null,
    healths: input.health && input.health.length > 0 ? input.health : null,
    terms: searchTerms(input.q),
    asOf,
    asOfInstant: historical ? endOfJstDay(asOf) : now.toISOString(),
    historical,
    basis: input.basis ?? 'reported',
    withdrawn: input.withdrawn ?? 'exclude',
  };
}

export interface DeadlineInForce extends Omit<DeadlineRow, 'id' | 'retired'> {
  daysLeft: number;
}

/** The deadline named by `?deadline=`, else the next upcoming one as of the as-of date. */
export function resolveDeadline(code: string | undefined, taxonomy: Taxonomy, asOf: string): DeadlineInForce {
  let deadline: DeadlineRow | null | undefined;
  if (code) {
    deadline = taxonomy.deadlines.find((d) => d.code === code);
    if (!deadline) throw invalidParameter('deadline', `unknown code: ${code}`);
  } else {
    // A retired deadline is never the default; named by code it still resolves (decision 026).
    deadline = deadlineInForce(
      taxonomy.deadlines.filter((d) => !d.retired),
      asOf,
    );
    if (!deadline) throw invalidParameter('deadline', 'no deadlines are configured');
  }
  return {
    code: deadline.code,
    nameJa: deadline.nameJa,
    nameEn: deadline.nameEn,
    date: deadline.date,
    daysLeft: daysLeft(deadline.date, asOf),
  };
}
