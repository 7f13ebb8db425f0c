import type { Kysely } from 'kysely';
import { addDays, endOfJstDay } from '../common/calendar';
import type { Database } from '../db/schema';
import { SORT_KEYS } from '../server/schemas/query';
import { burnupFloor, changesFloor, exportFloor, figuresFloor, kpiFloor, listFloor, slippageFloor } from './sql-floors';
import type { FloorDates, FloorScope } from './sql-floors';

// The calls `npm run bench` times (docs/benchmarks.md): every dashboard call today and as of a past day
// about five months back, some with filters, the measure list in every order, a search and a deep
// page, and the exports' first byte. Each comes with its raw-SQL floor.

export type CallKind = 'stats' | 'list' | 'export';

export interface BenchCall {
  name: string;
  path: string;
  kind: CallKind;
  /** The list's first page (its own target at 100,000 measures). */
  firstListPage?: boolean;
  /** An export: time to the first chunk of the body, not its end. */
  firstByte?: boolean;
  floor: () => Promise<unknown>;
}

export interface CallContext {
  db: Kysely<Database>;
  today: string;
  /** ≈ 5 months back. */
  past: string;
  measures: number;
  fieldIds: ReadonlyMap<string, number>;
  ministryIds: ReadonlyMap<string, number>;
}

const DEADLINE = '2027-06-30';
const FIELD = 'quantum';
const MINISTRY = 'meti';
const STATUS = 'in_progress';

function idOf(ids: ReadonlyMap<string, number>, code: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`no taxonomy code ${code}`);
  return id;
}

export function benchCalls(ctx: CallContext): BenchCall[] {
  const { db } = ctx;
  const todayDates: FloorDates = { asOf: ctx.today, asOfInstant: null, deadline: DEADLINE };
  const pastDates: FloorDates = { asOf: ctx.past, asOfInstant: endOfJstDay(ctx.past), deadline: DEADLINE };
  const field: FloorScope = { fieldId: idOf(ctx.fieldIds, FIELD) };
  const ministry: FloorScope = { ministryId: idOf(ctx.ministryIds, MINISTRY) };
  const status: FloorScope = { status: STATUS };
  const calls: BenchCall[] = [];

  // Each dashboard call today and as of the past day: `query` is the call's own parameters.
  const both = (
    name: string,
    path: string,
    query: string,
    floor: (d: FloorDates) => Promise<unknown>,
    kind: CallKind = 'stats',
  ) => {
    const join = (extra: string) => [query, extra].filter(Boolean).join('&');
    const q = join('');
    calls.push({ name, path: q ? `${path}?${q}` : path, kind, floor: () => floor(todayDates) });
    calls.push({ name: `${name} asOf`, path: `${path}?${join(`asOf=${ctx.past}`)}`, kind, floor: () => floor(pastDates) });
  };
  both('summary', '/api/v1/stats/summary', '', (d) => figuresFloor(db, {}, 'none', d));
  both(`summary field=${FIELD}`, '/api/v1/stats/summary', `field=${FIELD}`, (d) => figuresFloor(db, field, 'none', d));
  both(`summary ministry=${MINISTRY}`, '/api/v1/stats/summary', `ministry=${MINISTRY}`, (d) =>
    figuresFloor(db, ministry, 'none', d),
  );
  both(`summary status=${STATUS}`, '/api/v1/stats/summary', `status=${STATUS}`, (d) => figuresFloor(db, status, 'none', d));
  both('by-field', '/api/v1/stats/by-field', '', (d) => figuresFloor(db, {}, 'field', d));
  both(`by-field ministry=${MINISTRY}`, '/api/v1/stats/by-field', `ministry=${MINISTRY}`, (d) =>
    figuresFloor(db, ministry, 'field', d),
  );
  both('by-ministry', '/api/v1/stats/by-ministry', '', (d) => figuresFloor(db, {}, 'ministry', d));
  both('heatmap', '/api/v1/stats/heatmap', '', (d) => figuresFloor(db, {}, 'field-ministry', d));
  both('burnup', '/api/v1/stats/burnup', '', (d) => burnupFloor(db, {}, d));
  both(`burnup field=${FIELD}`, '/api/v1/stats/burnup', `field=${FIELD}`, (d) => burnupFloor(db, field, d));
  both('matrix field×instrument', '/api/v1/stats/matrix', 'rows=field&cols=instrument', (d) =>
    figuresFloor(db, {}, 'field-instrument', d),
  );
  both('matrix ministry×ministry', '/api/v1/stats/matrix', 'rows=ministry&cols=ministry', (d) =>
    figuresFloor(db, {}, 'ministry-ministry', d),
  );
  both('slippage by=field', '/api/v1/stats/slippage', 'by=field', (d) => slippageFloor(db, {}, d));
  both('kpi', '/api/v1/stats/kpi', '', () => kpiFloor(db, {}));
  // Changes between explicit days (the default `from` is the last meeting, which synthetic data lacks):
  // the last five months, and the five months before the past day.
  const changes = (name: string, from: string, to: string) =>
    calls.push({
      name,
      path: `/api/v1/changes?from=${from}&to=${to}`,
      kind: 'stats',
      floor: () => changesFloor(db, {}, endOfJstDay(from), endOfJstDay(to)),
    });
  changes('changes past→today', ctx.past, ctx.today);
  changes('changes asOf (5 months before past)', addDays(ctx.past, -150), ctx.past);

  // The measure list: every order, a search, a filter, a deep page, a past day.
  const list = (name: string, query: string, floor: () => Promise<unknown>, firstListPage = true) =>
    calls.push({ name, path: `/api/v1/measures?${query}`, kind: 'list', firstListPage, floor });
  for (const key of SORT_KEYS) list(`list sort=${key}`, `sort=${key}&pageSize=50`, () => listFloor(db, {}, todayDates, key, 1));
  for (const key of ['-progress', '-behind', '-updatedAt'])
    list(`list sort=${key}`, `sort=${key}&pageSize=50`, () => listFloor(db, {}, todayDates, key, 1));
  list(`list q=量子`, `q=${encodeURIComponent('量子')}&pageSize=50`, () => listFloor(db, { q: '量子' }, todayDates, 'code', 1));
  list(`list field=${FIELD} status=${STATUS}`, `field=${FIELD}&status=${STATUS}&pageSize=50`, () =>
    listFloor(db, { ...field, ...status }, todayDates, 'code', 1),
  );
  const deep = Math.max(1, Math.floor((ctx.measures / 50) * 0.9));
  list(`list page ${deep} (deep)`, `page=${deep}&pageSize=50`, () => listFloor(db, {}, todayDates, 'code', deep), false);
  list(
    `list sort=-progress page ${deep}`,
    `sort=-progress&page=${deep}&pageSize=50`,
    () => listFloor(db, {}, todayDates, '-progress', deep),
    false,
  );
  list(`list asOf`, `asOf=${ctx.past}&pageSize=50`, () => listFloor(db, {}, pastDates, 'code', 1));

  // Exports: the time to the first chunk (the rest streams; docs/benchmarks.md, issue 8).
  const exportCall = (name: string, path: string, floor: () => Promise<unknown>) =>
    calls.push({ name, path, kind: 'export', firstByte: true, floor });
  exportCall('export measures.csv 1st byte', '/api/v1/exports/measures.csv', () => exportFloor(db, {}));
  exportCall(`export measures.csv asOf 1st byte`, `/api/v1/exports/measures.csv?asOf=${ctx.past}`, () => exportFloor(db, {}));
  exportCall('export by-field.csv 1st byte', '/api/v1/exports/by-field.csv', () => figuresFloor(db, {}, 'field', todayDates));
  exportCall(`export by-field.csv asOf 1st byte`, `/api/v1/exports/by-field.csv?asOf=${ctx.past}`, () =>
    figuresFloor(db, {}, 'field', pastDates),
  );
  return calls;
}
