import type { Readable } from 'node:stream';
import { endOfJstDay, startOfJstDay } from '../../common/calendar';
import type { AppDeps } from '../app-env';
import { codeAndNames } from '../domain/breakdowns';
import { exportNames } from '../domain/export-cells';
import type { ExportColumn, ExportLang } from '../domain/export-cells';
import { CHANGE_COLUMNS } from '../domain/changes-export-columns';
import { MEASURE_COLUMNS, REPORT_COLUMNS, measureExportRow } from '../domain/export-columns';
import { conditionRows, exportFileName, exportSheetName } from '../domain/export-labels';
import type { ExportConditions, ExportEnd, ExportFilters } from '../domain/export-labels';
import { BURNUP_COLUMNS, BY_FIELD_COLUMNS, BY_MINISTRY_COLUMNS, HEATMAP_COLUMNS } from '../domain/export-stats-columns';
import { resolveDeadline, resolveFilters } from '../filters';
import { measureExportBatch, measureExportIds, reportExportBatch } from '../repositories/export-repository';
import type { ReportCursor } from '../repositories/export-repository';
import { hasSampleData } from '../repositories/taxonomy-repository';
import type { Taxonomy } from '../repositories/taxonomy-repository';
import type { Basis } from '../schemas/follow-up';
import type { ExportFormat, MeasureExportQuery, ReportExportQuery, StatsExportQuery, StatsExportView } from '../schemas/exports';
import type { ChangesQuery } from '../schemas/meeting-pack';
import type { SortKey } from '../schemas/query';
import type { DeadlineDto } from '../schemas/responses';
import { CONTENT_TYPES, writeExport } from './export-writers';
import type { ExportTable } from './export-writers';
import { changesOf, resolveChanges } from './changes-service';
import { statsBreakdown, statsBurnup, statsHeatmap } from './stats-service';

// Exports of the views (docs/product.md §4): the rows each view shows, as CSV, XLSX or JSON. Everything
// that can refuse the request (parameters, codes, dates) is resolved before the first byte is
// written; the rows are then read in batches while the file is written.

type ExportDeps = Pick<AppDeps, 'db' | 'taxonomy' | 'now'>;

/** Rows read per query: large enough to amortise the query, small enough to keep memory flat. */
export const EXPORT_BATCH_SIZE = 1000;

/** Which view, with its validated parameters. */
export type ExportSelection =
  | { view: 'measures'; query: MeasureExportQuery }
  | { view: 'reports'; query: ReportExportQuery }
  | { view: StatsExportView; query: StatsExportQuery }
  | { view: 'changes'; query: ChangesQuery };

export type ExportRequest = ExportSelection & {
  format: ExportFormat;
  /** The app's origin and the request's query string, for the link to the same view in the UI. */
  origin: string;
  search: URLSearchParams;
};

export interface ExportFile {
  fileName: string;
  /** The same name in English, for clients that do not read `filename*`. */
  asciiFileName: string;
  contentType: string;
  body: Readable;
}

/** The same view in the UI: the explorer for the list and the reports, the changes page, the dashboard otherwise. */
function uiUrl(request: ExportRequest): string {
  const params = new URLSearchParams(request.search);
  // The changes page takes `from` and `to` (its two ends); the explorer does not.
  for (const key of request.view === 'changes' ? ['lang'] : ['lang', 'from', 'to']) params.delete(key);
  const path =
    request.view === 'measures' || request.view === 'reports' ? '/measures' : request.view === 'changes' ? '/changes' : '/';
  const query = params.toString();
  return `${request.origin}${path}${query ? `?${query}` : ''}`;
}

function filtersOf(
  query: ExportFilters & { lang?: unknown; asOf?: unknown; deadline?: unknown; basis?: unknown },
): ExportFilters {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out: they are shown apart from the filters
  const { lang, asOf, deadline, basis, ...filters } = query;
  return filters;
}

function changesFiltersOf(query: ChangesQuery): ExportFilters {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out: the ends are shown apart from the filters
  const { from, to, ...rest } = query;
  return filtersOf(rest);
}

function nameLists(taxonomy: Taxonomy) {
  return {
    fields: taxonomy.fields.map(codeAndNames),
    ministries: taxonomy.ministries.map(codeAndNames),
    pillars: taxonomy.pillars.map(codeAndNames),
    instruments: taxonomy.instruments.map(codeAndNames),
  };
}

async function* once<R>(rows: readonly R[]): AsyncGenerator<readonly R[]> {
  yield rows;
}

interface Frame {
  taxonomy: Taxonomy;
  lang: ExportLang;
  asOf: string;
  /** What the rows' figures are computed on (docs/product.md §3 "Basis"), always stated. */
  basis: Basis;
  deadline: DeadlineDto | null;
  sampleData: boolean;
  batchSize: number;
  /** The changes view's two ends, in its conditions and its JSON meta. */
  ends?: { from: ExportEnd; to: ExportEnd };
}

/** An export whose request has been accepted: the as-of date it names, and how to write it. */
interface PreparedExport {
  asOf: string;
  write: (format: ExportFormat) => Readable;
}

function prepared<R>(
  deps: ExportDeps,
  request: ExportRequest,
  frame: Frame,
  columns: readonly ExportColumn<R>[],
  batches: () => AsyncIterable<readonly R[]>,
): PreparedExport {
  const names = exportNames(nameLists(frame.taxonomy), frame.lang);
  const generatedAt = deps.now().toISOString();
  const filters = request.view === 'changes' ? changesFiltersOf(request.query) : filtersOf(request.query);
  const conditions: ExportConditions = {
    view: request.view,
    filters,
    asOf: frame.asOf,
    basis: frame.basis,
    deadline: frame.deadline,
    generatedAt,
    uiUrl: uiUrl(request),
    sampleData: frame.sampleData,
    ends: frame.ends,
  };
  const table: ExportTable<R> = {
    columns,
    names,
    sheetName: exportSheetName(request.view, frame.lang),
    meta: {
      view: request.view,
      filters,
      asOf: frame.asOf,
      basis: frame.basis,
      deadline: frame.deadline,
      generatedAt,
      ...(frame.ends ? { from: frame.ends.from, to: frame.ends.to } : {}),
    },
    conditions: conditionRows(conditions, names),
    batches,
  };
  return { asOf: frame.asOf, write: (format) => writeExport(format, table) };
}

function prepareMeasures(deps: ExportDeps, request: ExportRequest & { view: 'measures' }, frame: Frame): PreparedExport {
  const { query } = request;
  const filters = resolveFilters(query, frame.taxonomy, deps.now());
  const deadline = resolveDeadline(undefined, frame.taxonomy, filters.asOf);
  const sort = query.sort ?? 'code';
  const order = { sort: sort.replace(/^-/, '') as SortKey, descending: sort.startsWith('-'), lang: frame.lang };
  return prepared(
    deps,
    request,
    { ...frame, asOf: filters.asOf, basis: filters.basis, deadline },
    MEASURE_COLUMNS,
    async function* () {
      const ids = await measureExportIds(deps.db, filters, order);
      for (let start = 0; start < ids.length; start += frame.batchSize) {
        const records = await measureExportBatch(deps.db, filters, order, ids.slice(start, start + frame.batchSize));
        yield records.map((record) => measureExportRow(record, filters, deadline.date));
      }
    },
  );
}

function prepareReports(deps: ExportDeps, request: ExportRequest & { view: 'reports' }, frame: Frame): PreparedExport {
  const { query } = request;
  const filters = resolveFilters(query, frame.taxonomy, deps.now());
  // `from` and `to` are Japanese calendar days: from the start of the one to the end of the other.
  const range = {
    from: query.from ? startOfJstDay(query.from) : null,
    to: query.to ? endOfJstDay(query.to) : null,
    measureCode: query.measure ?? null,
  };
  return prepared(deps, request, { ...frame, asOf: filters.asOf, basis: filters.basis }, REPORT_COLUMNS, async function* () {
    let cursor: ReportCursor | null = null;
    do {
      const batch = await reportExportBatch(deps.db, filters, range, cursor, frame.batchSize);
      yield batch.rows;
      cursor = batch.next;
    } while (cursor);
  });
}

/** The statistics' own results, flattened: every figure is the one the dashboard shows. */
async function prepareStats(
  deps: ExportDeps,
  request: ExportRequest & { view: StatsExportView },
  frame: Frame,
): Promise<PreparedExport> {
  const { view, query } = request;
  const frameOf = (result: { asOf: string; basis: Basis; deadline: DeadlineDto }) => ({
    ...frame,
    asOf: result.asOf,
    basis: result.basis,
    deadline: result.deadline,
  });
  if (view === 'by-field' || view === 'by-ministry') {
    const result = await statsBreakdown(deps, query, view === 'by-field' ? 'field' : 'ministry');
    const columns = view === 'by-field' ? BY_FIELD_COLUMNS : BY_MINISTRY_COLUMNS;
    return prepared(deps, request, frameOf(result), columns, () => once(result.items));
  }
  if (view === 'heatmap') {
    const result = await statsHeatmap(deps, query);
    return prepared(deps, request, frameOf(result), HEATMAP_COLUMNS, () => once(result.cells));
  }
  const result = await statsBurnup(deps, query);
  return prepared(deps, request, frameOf(result), BURNUP_COLUMNS, () => once(result.points));
}

/** The items of GET /changes, one row each; both ends are resolved (and refused) before the body. */
async function prepareChanges(
  deps: ExportDeps,
  request: ExportRequest & { view: 'changes' },
  frame: Frame,
): Promise<PreparedExport> {
  const resolved = await resolveChanges(deps, request.query);
  const result = await changesOf(deps, resolved);
  const ends = { from: result.from, to: result.to };
  return prepared(deps, request, { ...frame, asOf: result.to.date, basis: result.basis, ends }, CHANGE_COLUMNS, () =>
    once(result.items),
  );
}

/**
 * One view as a file. Refusals (a bad code, an as-of date after today, an unknown deadline) are thrown
 * here, before the body is handed over; the body then reads its rows as it is consumed.
 */
export async function exportView(deps: ExportDeps, request: ExportRequest, batchSize = EXPORT_BATCH_SIZE): Promise<ExportFile> {
  const [taxonomy, sampleData] = await Promise.all([deps.taxonomy(), hasSampleData(deps.db)]);
  const lang = request.query.lang ?? 'ja';
  const frame: Frame = { taxonomy, lang, asOf: '', basis: 'reported', deadline: null, sampleData, batchSize };
  const ready =
    request.view === 'measures'
      ? prepareMeasures(deps, request, frame)
      : request.view === 'reports'
        ? prepareReports(deps, request, frame)
        : request.view === 'changes'
          ? await prepareChanges(deps, request, frame)
          : await prepareStats(deps, request, frame);
  return {
    fileName: exportFileName(request.view, lang, ready.asOf, request.format),
    asciiFileName: exportFileName(request.view, 'en', ready.asOf, request.format),
    contentType: CONTENT_TYPES[request.format],
    body: ready.write(request.format),
  };
}
