import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { changesQuery, changesResponse } from '../schemas/meeting-pack';
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
      'meeting held yet that is a 400 `from_required`. `asOf` is refused: the two ends are `from` and `to`.',
    security: OPTIONAL_SESSION,
    request: {
      query: queryParameters(changesQuery, {
        from: 'A JST date (the end of that day) or an edition code (the instant it froze); the last meeting by default',
        to: 'A JST date (the end of that day, capped at now) or an edition code; now by default',
        lang: 'Ignored by the JSON (the export takes it)',
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
