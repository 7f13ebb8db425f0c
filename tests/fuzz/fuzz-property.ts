import fc from 'fast-check';
import { z } from 'zod';
import { hostileRequest } from './hostile-requests';
import type { FuzzRequest } from './hostile-requests';
import type { FuzzTarget, FuzzResponse } from './fuzz-target';
import type { FuzzApi, FuzzOperation } from './openapi-operations';

// The property every operation must hold under hostile input (issue 12 item 2, decision 022): never a
// 5xx; an API refusal is the documented error JSON; and a refused request leaves the database as it was.

const errorBody = z.object({ error: z.object({ code: z.string().min(1), message: z.string() }) });

/** Why the response breaks the property, or null when it holds. */
export function violation(request: FuzzRequest, response: FuzzResponse, changed: boolean): string | null {
  if (response.status >= 500) return `answered ${response.status}: ${response.text.slice(0, 300)}`;
  const refused = response.status >= 400;
  if (refused && request.method !== 'HEAD' && request.url.startsWith('/api/')) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(response.text);
    } catch {
      // Reported below.
    }
    if (!response.contentType.includes('json') || !errorBody.safeParse(parsed).success)
      return `refused with ${response.status} but not the error JSON: ${response.contentType} ${response.text.slice(0, 200)}`;
  }
  if (refused && changed) return `refused with ${response.status} but the database changed`;
  return null;
}

export interface FuzzRunOptions {
  numRuns: number;
  seed?: number;
  /** Sees every answer (the long run counts statuses, to show how deep the requests got). */
  onResponse?: (request: FuzzRequest, response: FuzzResponse) => void;
}

/** Runs the property for one operation; throws fast-check's report (seed, path, shrunk request) on failure. */
export async function fuzzOperation(target: FuzzTarget, api: FuzzApi, op: FuzzOperation, options: FuzzRunOptions): Promise<void> {
  await fc.assert(
    fc.asyncProperty(hostileRequest(api, op, target.known), async (request) => {
      const before = await target.fingerprint();
      const response = await target.send(request);
      options.onResponse?.(request, response);
      const changed = response.status >= 400 ? (await target.fingerprint()) !== before : false;
      const problem = violation(request, response, changed);
      if (problem) throw new Error(`${op.id}: ${request.method} ${request.url.slice(0, 300)} as ${request.persona} ${problem}`);
    }),
    { numRuns: options.numRuns, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  );
}
