import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi/openapi-document';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

// The API document (GET /api/v1/openapi.json) against the app itself: it is a valid OpenAPI 3.1
// document, it lists exactly the routes the app serves with their methods, and its reference page
// (/api/docs) loads only same-origin files. Real responses against the documented schemas are in
// openapi-responses.test.ts. The routes do not depend on the database: SQLite is enough here.

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `METHOD /path/{param}` of every API route Hono serves under /api/v1 (middleware, `ALL`, excluded). */
function servedRoutes(app: TestApp['app']): Set<string> {
  const served = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/v1/')) continue;
    const path = route.path
      .slice('/api/v1'.length)
      // An export's route matches one name and any format (`:file{measures\.(?:csv|xlsx|json)}`); the
      // document names it as a client writes it, `/exports/measures.{format}`.
      .replace(/:\w+\{([a-z-]+)\\\.\(\?:[a-z|]+\)\}/g, '$1.{format}')
      .replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    served.add(`${route.method} ${path}`);
  }
  return served;
}

function documentedRoutes(): Set<string> {
  const documented = new Set<string>();
  for (const [path, item] of Object.entries(openApiDocument().paths ?? {})) {
    for (const method of METHODS) if (item[method]) documented.add(`${method.toUpperCase()} ${path}`);
  }
  return documented;
}

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp('sqlite');
});
afterAll(async () => {
  await t?.drop();
});

describe('the API document', () => {
  it('is served at /api/v1/openapi.json and validates as OpenAPI 3.1', async () => {
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const served: unknown = await res.json();
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const result = await new Validator().validate(JSON.parse(JSON.stringify(served)));
    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(openApiDocument().openapi).toMatch(/^3\.1\./);
  });

  it('finds the routes it compares', () => {
    const served = servedRoutes(t.app);
    expect(served).toContain('GET /measures/{code}');
    expect(served).toContain('PATCH /measures/{code}/milestones/{id}');
    expect(served).toContain('DELETE /users/{id}/sessions');
    expect(served.size).toBeGreaterThan(15);
  });

  it('documents every route the app serves, with its method', () => {
    const documented = documentedRoutes();
    expect([...servedRoutes(t.app)].filter((route) => !documented.has(route))).toEqual([]);
  });

  it('documents no route the app does not serve', () => {
    const served = servedRoutes(t.app);
    expect([...documentedRoutes()].filter((route) => !served.has(route))).toEqual([]);
  });

  it('names the session cookie as the security scheme, and requires it on writes and administration', () => {
    const doc = openApiDocument();
    expect(doc.components?.securitySchemes?.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'mt_session' });
    const paths = doc.paths ?? {};
    const required = [{ session: [] }];
    expect(paths['/measures/{code}/reports']?.post?.security).toEqual(required);
    expect(paths['/measures/{code}']?.patch?.security).toEqual(required);
    expect(paths['/audit']?.get?.security).toEqual(required);
    expect(paths['/users/{id}/sessions']?.delete?.security).toEqual(required);
    // Reads are public unless REQUIRE_LOGIN: a session is accepted, not needed.
    expect(paths['/measures']?.get?.security).toEqual([{}, { session: [] }]);
  });

  it('describes every query parameter a route validates, with its rule', () => {
    const list = openApiDocument().paths?.['/measures']?.get?.parameters ?? [];
    const byName = new Map<string, unknown>(list.map((p) => ['name' in p ? p.name : '$ref', p]));
    for (const name of [
      'field',
      'ministry',
      'status',
      'health',
      'pillar',
      'instrument',
      'q',
      'asOf',
      'basis',
      'sort',
      'page',
      'pageSize',
      'lang',
    ])
      expect(byName.get(name), name).toMatchObject({ in: 'query', required: false });
    expect(byName.get('page')).toMatchObject({ schema: { type: 'integer', minimum: 1 } });
    expect(byName.get('pageSize')).toMatchObject({ schema: { type: 'integer', maximum: 500 } });
    expect(byName.get('status')).toMatchObject({
      schema: { type: 'array', items: { enum: expect.arrayContaining(['in_progress']) } },
    });
    expect(byName.get('asOf')).toMatchObject({ schema: { type: 'string', format: 'date' } });
    expect(byName.get('basis')).toMatchObject({ schema: { type: 'string', enum: ['reported', 'accepted', 'verified'] } });
    // Every statistic and every export takes it as well (docs/product.md §4).
    const paths = openApiDocument().paths ?? {};
    for (const path of ['/stats/summary', '/stats/by-field', '/stats/by-ministry', '/stats/heatmap', '/stats/burnup']) {
      const names = (paths[path]?.get?.parameters ?? []).map((p) => ('name' in p ? p.name : '$ref'));
      expect(names, path).toContain('basis');
    }
    const exportPaths = Object.keys(paths).filter((p) => p.startsWith('/exports/') && p !== '/exports/{file}');
    expect(exportPaths.length).toBeGreaterThan(0);
    for (const path of exportPaths) {
      const names = (paths[path]?.get?.parameters ?? []).map((p) => ('name' in p ? p.name : '$ref'));
      expect(names, path).toContain('basis');
    }
  });
});

describe('the reference page /api/docs', () => {
  it('is an HTML page whose scripts and styles are all same-origin files (no inline script)', async () => {
    const res = await t.app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body?.trim(), 'inline script').toBe('');
      expect(attributes).toMatch(/src="\/api\/docs\/assets\//);
    }
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(references.length).toBeGreaterThanOrEqual(4);
    for (const reference of references) expect(reference, reference).toMatch(/^\/api\/docs\/assets\/[\w.-]+$/);
  });

  it.each([
    ['swagger-ui.css', /^text\/css/],
    ['swagger-ui-bundle.js', /^text\/javascript/],
    ['swagger-ui-standalone-preset.js', /^text\/javascript/],
    ['initializer.js', /^text\/javascript/],
    ['favicon-32x32.png', /^image\/png/],
  ])('serves %s with its content type', async (name, type) => {
    const res = await t.app.request(`/api/docs/assets/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('starts swagger-ui on the document of this server', async () => {
    const script = await (await t.app.request('/api/docs/assets/initializer.js')).text();
    expect(script).toContain("url: '/api/v1/openapi.json'");
  });

  it('serves no other file from node_modules', async () => {
    for (const name of ['package.json', '..%2Fpackage.json', 'index.html', 'absolute-path.js', 'constructor', '__proto__']) {
      const res = await t.app.request(`/api/docs/assets/${name}`);
      expect(res.status, name).toBe(404);
    }
  });
});
