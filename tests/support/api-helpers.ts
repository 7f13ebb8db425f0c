import { expect } from 'vitest';
import type { z } from 'zod';
import { errorResponse } from '../../server/schemas/responses';
import type { ErrorResponse } from '../../server/schemas/responses';
import type { TestApp } from './test-app';
import { readResponse } from './read-response';

/** Anything that answers GETs the way TestApp does (a second app over the same database, say). */
export type ApiGetter = Pick<TestApp, 'get'>;

/** A getter over any Hono app, parsing JSON like TestApp.get. */
export function getterFor(app: { request(path: string): Response | Promise<Response> }): ApiGetter {
  return {
    async get(path) {
      const res = await app.request(path);
      return readResponse(res);
    },
  };
}

// Small helpers shared by the API tests: every body is parsed with the contract's zod schemas, so a
// field renamed or retyped on the server fails here rather than in the client.

/** GETs `path`, expects 200 and returns the body parsed with `schema`. */
export async function getOk<S extends z.ZodType>(app: ApiGetter, path: string, schema: S): Promise<z.output<S>> {
  const res = await app.get(path);
  expect(res.status, `${path} → ${JSON.stringify(res.body)}`).toBe(200);
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) throw new Error(`${path}: body does not match the response schema: ${parsed.error.message}`);
  return parsed.data;
}

/** GETs `path`, expects `status` with the API's error body and returns it. */
export async function getError(app: ApiGetter, path: string, status: number): Promise<ErrorResponse> {
  const res = await app.get(path);
  expect(res.status, `${path} → ${JSON.stringify(res.body)}`).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
  const parsed = errorResponse.safeParse(res.body);
  if (!parsed.success) throw new Error(`${path}: not an error body: ${JSON.stringify(res.body)}`);
  return parsed.data;
}

/** Builds `path?query` from pairs, percent-encoding each value (repeated keys stay repeated). */
export function withQuery(path: string, pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return path;
  const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/** Codes of list items, in response order. */
export function codesOf(items: readonly { code: string }[]): string[] {
  return items.map((i) => i.code);
}
