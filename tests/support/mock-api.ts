import type { MetaResponse } from '../../server/schemas/responses';
import type { SessionUser } from '../../common/roles';

// A stand-in for the API in client component tests whose endpoints are not served yet (the follow-up
// round's, issue 9): each route answers contract-shaped JSON, and every request is recorded so that a
// test can check the method, path, query, headers and body the page sent.

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export interface MockAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MockRoute {
  method: string;
  /** The path under /api/v1, exactly or as a pattern. */
  path: string | RegExp;
  answer: (request: RecordedRequest) => MockAnswer;
}

export const MOCK_META: MetaResponse = {
  fields: [
    { code: 'ai', nameJa: 'AI・半導体', nameEn: 'AI & Semiconductors' },
    { code: 'quantum', nameJa: '量子', nameEn: 'Quantum' },
  ],
  ministries: [
    { code: 'meti', nameJa: '経済産業省', nameEn: 'METI' },
    { code: 'mext', nameJa: '文部科学省', nameEn: 'MEXT' },
  ],
  pillars: [],
  instruments: [],
  statuses: [
    { code: 'in_progress', nameJa: '実施中', nameEn: 'In progress' },
    { code: 'planning', nameJa: '計画中', nameEn: 'Planning' },
  ],
  healths: [
    { code: 'on_track', nameJa: '順調', nameEn: 'On track' },
    { code: 'at_risk', nameJa: '要注意', nameEn: 'At risk' },
  ],
  deadlines: [{ code: 'fy2030', nameJa: '2030年度末', nameEn: 'End of FY2030', date: '2031-03-31', retired: false }],
  defaultDeadline: 'fy2030',
  meetings: [
    {
      code: 'meeting-3',
      nameJa: '新技術立国推進会議（第3回）',
      nameEn: 'New Technology Nation Council (meeting 3)',
      date: '2026-11-01',
      retired: false,
    },
    {
      code: 'meeting-4',
      nameJa: '新技術立国推進会議（第4回）',
      nameEn: 'New Technology Nation Council (meeting 4)',
      date: '2026-12-21',
      retired: false,
    },
  ],
  lastMeeting: 'meeting-3',
  nextMeeting: 'meeting-4',
  today: '2026-12-01',
  reportingCycleDays: 90,
  sampleData: true,
};

export function sessionUser(role: SessionUser['role']): SessionUser {
  return {
    id: 7,
    email: `${role}@demo.example.jp`,
    displayName: role === 'secretariat' ? '事務局 太郎' : '利用者',
    role,
    ministry: role === 'ministry_lead' ? 'meti' : null,
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): MockAnswer {
  return { status, body, headers };
}

export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): MockAnswer {
  return { status, body: { error: { code, message }, ...extra } };
}

/** Replaces fetch with the routes (plus /auth/me and /meta); `restore()` puts it back. */
export function mockApi(routes: MockRoute[], { user = null }: { user?: SessionUser | null } = {}) {
  const requests: RecordedRequest[] = [];
  const all: MockRoute[] = [
    ...routes,
    { method: 'GET', path: '/auth/me', answer: () => json({ user }) },
    { method: 'GET', path: '/meta', answer: () => json(MOCK_META) },
  ];
  const original = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? new Request(input, init) : null;
    const raw = request ? request.url : input instanceof URL ? input.toString() : String(input);
    const url = new URL(raw, 'http://localhost');
    const method = (request?.method ?? init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(request ? request.headers : init?.headers);
    const text = request ? await request.text() : typeof init?.body === 'string' ? init.body : '';
    const recorded: RecordedRequest = {
      method,
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    const route = all.find(
      (r) => r.method === method && (typeof r.path === 'string' ? r.path === recorded.path : r.path.test(recorded.path)),
    );
    const answer = route ? route.answer(recorded) : apiError(404, 'not_found', `No mock for ${method} ${recorded.path}`);
    const status = answer.status ?? 200;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status,
      headers: { 'Content-Type': 'application/json', ...answer.headers },
    });
  };
  return {
    requests,
    /** The requests with this method to this path (exactly). */
    sent: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
    restore: () => {
      globalThis.fetch = original;
    },
  };
}
