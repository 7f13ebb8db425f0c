import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

// Several processes opening one new SQLite file at once (two `npm start`s, a server and the seed step)
// must all get through the opening: switching the new file to WAL answered "database is locked" at once
// when two processes did it together, and the writability check was two statements that another
// process could slip between ("no such table: _write_check").

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'measure-tracker-open-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROCESSES = 4;
const ROUNDS = 1000;
const OPENS = 30;

/** One process that opens and closes the file like the app, then repeats its writability check. */
function opener(path: string, startAt: number): Promise<{ code: number | null; output: string }> {
  const script = `
    import { openSqliteFile, proveWritable } from './db/connection.ts';
    // All start together (loading tsx takes a while, and unevenly): the check must hold under overlap.
    while (Date.now() < ${startAt}) {}
    for (let i = 0; i < ${OPENS}; i += 1) openSqliteFile(${JSON.stringify(path)}).close();
    const sqlite = openSqliteFile(${JSON.stringify(path)});
    for (let i = 0; i < ${ROUNDS}; i += 1) proveWritable(sqlite);
    sqlite.close();
  `;
  return new Promise((done) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => done({ code, output }));
  });
}

it('lets several processes check one new file at once', { timeout: 120_000 }, async () => {
  const path = join(dir, 'new.db');
  const startAt = Date.now() + 5_000;
  const results = await Promise.all(Array.from({ length: PROCESSES }, () => opener(path, startAt)));
  for (const result of results) expect(result, result.output).toMatchObject({ code: 0 });
});
