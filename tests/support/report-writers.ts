import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { jstDateOf } from '../../common/calendar';
import { DEFAULT_POOL_MAX } from '../../db/connection';
import type { Random } from '../../seeds/random';
import { measureDetailResponse } from '../../server/schemas/responses';
import type { MeasureDetailResponse } from '../../server/schemas/responses';
import type { ReportInput } from '../../server/schemas/writes';
import { startServer } from './server-process';
import type { ServerProcess as StartedServer } from './server-process';

// Ministry leads filing status reports as fast as they can against a real server process over real
// HTTP, shared by the crash test (tests/server/crash-recovery.test.ts) and the soak (bench/soak.ts),
// issue 12 items 1 and 6. Each writer reports on its own ministry's measures with If-Match (decision
// 006) and records what every POST was answered: accepted (the report id the answer gives), refused
// with 412 (another writer's report won the version), unanswered (the connection dropped: a kill -9
// may come after the commit and before the answer, so such a report may or may not be in the log),
// or anything else, which is always a broken property.

export const ROOT = resolve(import.meta.dirname, '../..');

export type ServerProcess = Pick<StartedServer, 'url' | 'child' | 'output'> & { exited: StartedServer['ended'] };

/**
 * `server/main.ts` over `databaseUrl` (tests/support/server-process.ts), with the deployment's pool and
 * WRITE_RATE_LIMIT=0: the per-user write limit's 429s must not count against these properties.
 */
export async function startServerProcess(databaseUrl: string, extra: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServer(ROOT, databaseUrl, {
    WRITE_RATE_LIMIT: '0',
    DATABASE_POOL_MAX: String(DEFAULT_POOL_MAX),
    ...extra,
  });
  return { url: server.url, child: server.child, output: server.output, exited: server.ended };
}

export interface Answer {
  status: number;
  etag: string | null;
  setCookie: string;
  text: string;
  /** The JSON body, or the text when it is not JSON. */
  body: unknown;
  ms: number;
}

export interface CallOptions {
  cookie?: string;
  ifMatch?: string;
  body?: unknown;
}

/** Requests to one server over keep-alive connections (a soak would run out of ports without them). */
export class HttpClient {
  readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity });

  constructor(readonly base: string) {}

  call(method: string, path: string, { cookie, ifMatch, body }: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (ifMatch) headers['if-match'] = ifMatch;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    return new Promise((done, fail) => {
      const req = request(new URL(path, this.base), { method, headers, agent: this.agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', fail);
        res.on('end', () => {
          let parsed: unknown = text;
          if ((res.headers['content-type'] ?? '').includes('json') && text) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          const etag = res.headers.etag;
          done({
            status: res.statusCode ?? 0,
            etag: typeof etag === 'string' ? etag : null,
            setCookie: [res.headers['set-cookie'] ?? []].flat().join('; '),
            text,
            body: parsed,
            ms: performance.now() - started,
          });
        });
      });
      req.on('error', fail);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Signs in and returns the `Cookie` header value of the session. */
export async function signInOver(client: HttpClient, email: string, password: string): Promise<string> {
  const res = await client.call('POST', '/api/v1/auth/login', { body: { email, password } });
  const match = /(mt_session=[^;]+)/.exec(res.setCookie);
  if (res.status !== 200 || !match?.[1]) throw new Error(`sign-in of ${email}: ${res.status} ${res.text}`);
  return match[1];
}

export type WriteOutcome =
  | { kind: 'accepted'; writer: string; code: string; basedOn: number; version: number; reportId: number; sent: ReportInput }
  | { kind: 'refused'; writer: string; code: string; basedOn: number; current: number }
  | { kind: 'unanswered'; writer: string; code: string; basedOn: number; sent: ReportInput; error: string }
  | { kind: 'failed'; writer: string; code: string; status: number; text: string };

export interface WriterOptions {
  client: HttpClient;
  /** Who writes (the lead's email, for the record). */
  writer: string;
  cookie: string;
  /** Measures of the lead's own ministry. */
  codes: readonly string[];
  random: Random;
  /** Polled before each write: true stops the writer. */
  stop: () => boolean;
  record: (outcome: WriteOutcome) => void;
  /** Each request's latency, by route name. */
  timing?: (route: string, ms: number, status: number) => void;
}

const STATUSES = ['planning', 'in_progress', 'suspended'] as const;
const HEALTHS = ['on_track', 'at_risk', 'off_track'] as const;

/**
 * One report on `measure`: a status and health, a note, and sometimes the completion of an open
 * milestone and a KPI value, so that a report write touches every table it can (decision 006):
 * the measure row, the log, report_milestones and milestones, kpi_observations, the audit row.
 */
export function reportBody(measure: MeasureDetailResponse, random: Random, note: string): ReportInput {
  const today = jstDateOf(new Date());
  const body: ReportInput = { status: random.pick(STATUSES), health: random.pick(HEALTHS), note };
  const open = measure.milestoneList.filter((m) => m.completedDate === null);
  const created = jstDateOf(new Date(measure.createdAt));
  if (open.length > 0 && random.chance(0.25) && created <= today) {
    body.milestonesCompleted = [{ milestoneId: random.pick(open).id, completedDate: today }];
  }
  if (measure.kpis.length > 0 && random.chance(0.5)) {
    body.kpiObservations = [{ kpiId: random.pick(measure.kpis).id, value: random.int(0, 1000), observedOn: today }];
  }
  return body;
}

/**
 * Files reports until `stop()` or until the server goes away (a connection error ends the writer
 * after recording the write it was making as unanswered). Each write is based on the version the
 * previous answer about that measure named (its own 201, a 412's `current`): no read in between,
 * as fast as one connection allows.
 */
export async function runReportWriter(o: WriterOptions): Promise<void> {
  const known = new Map<string, { etag: string; measure: MeasureDetailResponse }>();
  let n = 0;
  while (!o.stop()) {
    const code = o.random.pick(o.codes);
    let state = known.get(code);
    if (!state) {
      let res: Answer;
      try {
        res = await o.client.call('GET', `/api/v1/measures/${code}`, { cookie: o.cookie });
      } catch {
        return;
      }
      o.timing?.('GET /measures/:code', res.ms, res.status);
      if (res.status !== 200 || !res.etag) {
        o.record({ kind: 'failed', writer: o.writer, code, status: res.status, text: res.text });
        return;
      }
      state = { etag: res.etag, measure: measureDetailResponse.parse(res.body) };
      known.set(code, state);
    }
    n += 1;
    const sent = reportBody(state.measure, o.random, `${o.writer} #${n}`);
    const basedOn = state.measure.version;
    let res: Answer;
    try {
      res = await o.client.call('POST', `/api/v1/measures/${code}/reports`, {
        cookie: o.cookie,
        ifMatch: state.etag,
        body: sent,
      });
    } catch (error) {
      o.record({ kind: 'unanswered', writer: o.writer, code, basedOn, sent, error: String(error) });
      return;
    }
    o.timing?.('POST /measures/:code/reports', res.ms, res.status);
    if (res.status === 201 && res.etag) {
      const measure = measureDetailResponse.parse(res.body);
      // The answer is the state its own transaction read: the report it appended is in its log.
      const latest = measure.reports.find((r) => r.note === sent.note);
      if (!latest) throw new Error(`${code}: a 201 whose log lacks the report "${sent.note}"`);
      o.record({ kind: 'accepted', writer: o.writer, code, basedOn, version: measure.version, reportId: latest.id, sent });
      known.set(code, { etag: res.etag, measure });
    } else if (res.status === 412 && res.etag && isPreconditionFailed(res.body)) {
      const current = measureDetailResponse.parse(res.body.current);
      o.record({ kind: 'refused', writer: o.writer, code, basedOn, current: current.version });
      known.set(code, { etag: res.etag, measure: current });
    } else {
      o.record({ kind: 'failed', writer: o.writer, code, status: res.status, text: res.text });
      // A 400 (say, a milestone completed by another lead meanwhile) is the writer's own mistake in
      // a shared measure; read the measure again before the next write to it.
      known.delete(code);
    }
  }
}

function isPreconditionFailed(body: unknown): body is { current: unknown } {
  return typeof body === 'object' && body !== null && 'current' in body;
}
