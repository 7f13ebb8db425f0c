import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers inside server/ (docs/decisions/007-layers.md): route → service → repository → SQL,
// with server/domain/ pure. The one-way imports between the top-level folders are ESLint's
// (eslint.config.js); this test holds the rooms of server/ apart.

const ROOT = resolve(import.meta.dirname, '../..');

interface Import {
  /** A path relative to the repository (`server/repositories/stats-repository`) or a package name. */
  target: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gm)].map((m) => {
    const specifier = m[2] ?? '';
    const target = specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : specifier;
    return { target, typeOnly: m[1] !== undefined };
  });
}

function filesOf(folder: string): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${folder}/${name}`);
}

/** Every import of the folder's files that the rule refuses, as `file → target`. */
function violations(folder: string, refuses: (i: Import) => boolean): string[] {
  return filesOf(folder).flatMap((file) =>
    importsOf(file)
      .filter(refuses)
      .map((i) => `${file} → ${i.target}`),
  );
}

const isHono = (i: Import) => i.target === 'hono' || i.target.startsWith('hono/') || i.target.startsWith('@hono/');
const under = (folder: string) => (i: Import) => i.target.startsWith(`${folder}/`);

describe('the layers of server/', () => {
  it('finds the imports it checks', () => {
    expect(importsOf('server/routes/stats-routes.ts').map((i) => i.target)).toContain('server/services/stats-service');
    expect(filesOf('server/services').length).toBeGreaterThan(5);
  });

  it('routes reach the database only through services', () => {
    expect(
      violations('server/routes', (i) => under('server/repositories')(i) || under('db')(i) || i.target === 'kysely'),
    ).toEqual([]);
  });

  it('services know nothing of HTTP and write no SQL', () => {
    const refuses = (i: Import) =>
      isHono(i) || under('server/routes')(i) || i.target === 'server/app' || (i.target === 'kysely' && !i.typeOnly);
    expect(violations('server/services', refuses)).toEqual([]);
  });

  it('repositories call no service, route or HTTP code', () => {
    const refuses = (i: Import) =>
      isHono(i) || under('server/services')(i) || under('server/routes')(i) || under('server/auth')(i);
    expect(violations('server/repositories', refuses)).toEqual([]);
  });

  it('the domain is pure: common/, itself, and the response shapes as types', () => {
    const allowed = (i: Import) => under('common')(i) || under('server/domain')(i) || (under('server/schemas')(i) && i.typeOnly);
    expect(violations('server/domain', (i) => !allowed(i))).toEqual([]);
  });
});
