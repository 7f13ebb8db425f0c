import type { AppDeps } from '../app-env';
import { codeAndNames, matrixCells } from '../domain/breakdowns';
import { invalidParameter } from '../errors';
import { resolveDeadline, resolveFilters } from '../filters';
import { matrixMilestoneGroups, matrixStateCounts } from '../repositories/matrix-repository';
import type { MatrixAxis } from '../repositories/matrix-repository';
import type { TaxonomyKind } from '../repositories/taxonomy-repository';
import type { MatrixQuery, MatrixResponse } from '../schemas/meeting-pack';

// Coverage and co-ownership (docs/product.md §4 `/stats/matrix`): the heat map's cells over other
// pairs of axes, from the same filters and deadline as every statistic.

type MatrixDeps = Pick<AppDeps, 'db' | 'taxonomy' | 'now'>;

const KIND_OF: Record<MatrixAxis, TaxonomyKind> = {
  field: 'fields',
  instrument: 'instruments',
  pillar: 'pillars',
  ministry: 'ministries',
};

/** The pairs asked for by docs/product.md §4: field × instrument, pillar or ministry; ministry × ministry. */
const COLS_OF_ROWS: Record<MatrixQuery['rows'], readonly MatrixQuery['cols'][]> = {
  field: ['instrument', 'pillar', 'ministry'],
  ministry: ['ministry'],
};

/** The matrix of `rows` × `cols`: both axes in full, taxonomy order, only the non-empty cells. */
export async function statsMatrix(deps: MatrixDeps, query: MatrixQuery): Promise<MatrixResponse> {
  const allowed = COLS_OF_ROWS[query.rows];
  if (!allowed.includes(query.cols)) {
    throw invalidParameter('cols', `with rows=${query.rows} must be ${allowed.join(' or ')} (not ${query.cols})`);
  }
  const taxonomy = await deps.taxonomy();
  const filters = resolveFilters(query, taxonomy, deps.now());
  const deadline = resolveDeadline(query.deadline, taxonomy, filters.asOf);
  const axes = { rows: query.rows, cols: query.cols };
  const [counts, groups] = await Promise.all([
    matrixStateCounts(deps.db, filters, axes),
    matrixMilestoneGroups(deps.db, filters, axes, { deadline: deadline.date }),
  ]);
  const rows = taxonomy[KIND_OF[query.rows]];
  const cols = taxonomy[KIND_OF[query.cols]];
  return {
    asOf: filters.asOf,
    basis: filters.basis,
    deadline,
    rowKind: query.rows,
    colKind: query.cols,
    rows: rows.map(codeAndNames),
    cols: cols.map(codeAndNames),
    cells: matrixCells(rows, cols, counts, groups, { deadline: deadline.date, asOf: filters.asOf }),
  };
}
