import { expect } from 'vitest';
import { measureDetailResponse } from '../../server/schemas/responses';
import { currentEtag, send } from './sessions';
import type { SendResult } from './sessions';

// Steps of the follow-up round for the API tests (docs/product.md §4): file a report as a lead
// would, open a round, read a report's review ETag.

interface RequestableApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** Files a report on `code` as `cookie` (on the current version) and returns the new report's id. */
export async function fileReport(
  app: RequestableApp,
  cookie: string | undefined,
  code: string,
  note = 'report',
): Promise<number> {
  const res = await send(app, 'POST', `/api/v1/measures/${code}/reports`, {
    cookie,
    ifMatch: await currentEtag(app, code),
    body: { status: 'in_progress', health: 'on_track', note },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const latest = measureDetailResponse.parse(res.body).reports[0];
  if (!latest) throw new Error(`${code}: no report after filing one`);
  return latest.id;
}

/** The report as GET /measures/:code shows it (its round, lateness and review). */
export async function measureReport(app: RequestableApp, code: string, id: number) {
  const res = await send(app, 'GET', `/api/v1/measures/${code}`);
  const report = measureDetailResponse.parse(res.body).reports.find((r) => r.id === id);
  if (!report) throw new Error(`${code}: no report ${id}`);
  return report;
}

export interface RoundInput {
  code: string;
  opensAt: string;
  dueAt: string;
  ministries?: string[];
  fields?: string[];
  deadline?: string;
}

export async function openRound(app: RequestableApp, cookie: string | null | undefined, input: RoundInput): Promise<SendResult> {
  return send(app, 'POST', '/api/v1/rounds', {
    cookie,
    body: { titleJa: `照会 ${input.code}`, titleEn: `Round ${input.code}`, ...input },
  });
}

/** The ETag of a report (GET /reports/:id). */
export async function reportEtag(app: RequestableApp, id: number): Promise<string> {
  const res = await app.request(`/api/v1/reports/${id}`);
  const etag = res.headers.get('etag');
  if (res.status !== 200 || !etag) throw new Error(`GET /reports/${id}: ${res.status}, ETag ${etag}`);
  await res.body?.cancel();
  return etag;
}

export async function review(
  app: RequestableApp,
  cookie: string | undefined,
  id: number,
  body: unknown,
  ifMatch?: string | null,
): Promise<SendResult> {
  return send(app, 'POST', `/api/v1/reports/${id}/review`, {
    cookie,
    ifMatch: ifMatch === undefined ? await reportEtag(app, id) : ifMatch,
    body,
  });
}
