import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { changesPageQuery, changesResponse } from '../schemas/meeting-pack';
import { OPTIONAL_SESSION, cachedRead, errorResponses, ifNoneMatchHeader, queryParameters } from './openapi-common';

// What changed between two instants (docs/product.md §4 "The meeting pack", docs/decisions/014-
// changes-between-instants.md). Its export is documented with the other exports (openapi-exports.ts).

export function registerChangesPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/changes',
    tags: ['meeting pack'],
    summary: 'What changed between two instants: counts and per-measure items, each with its date, before and after',
    description:
      'The measures are those passing the list filters (and basis) as of `to`; each is compared with its own state ' +
      'as of `from`. Without `from`, the last meeting held (its latest edition, else the end of its day); with no ' +
      'meeting held yet that is a 400 `from_required`. `asOf` is refused: the two ends are `from` and `to`. ' +
      'The counts are whole; the items are a window of each kind (`limit` after `offset`, `omitted` says how many ' +
      'are left out); the export (`/exports/changes.csv|xlsx`) has every item.',
    security: OPTIONAL_SESSION,
    request: {
      query: queryParameters(changesPageQuery, {
        from: 'A JST date (the end of that day) or an edition code (the instant it froze); the last meeting by default',
        to: 'A JST date (the end of that day, capped at now) or an edition code; now by default',
        lang: 'Ignored by the JSON (the export takes it)',
        kind: 'Only the items of these kinds (repeated or comma-joined); the counts keep every kind',
        limit: 'Items per kind, 0–1000 (0: the counts alone); 100 by default',
        offset: 'Items of each kind to skip first (paging within a kind); 0 by default',
      }),
      headers: ifNoneMatchHeader,
    },
    responses: {
      // Cached only with an explicit `to`: without one the answer names the instant it was made.
      ...cachedRead(
        'The changes, by kind, then measure code, then date (with an ETag when `to` is an edition or a day before today)',
        changesResponse.meta({ id: 'Changes' }),
        {
          etagAlways: false,
        },
      ),
      ...errorResponses(400, 401),
    },
  });
}
