import type { EditionDto } from '../../../server/schemas/meeting-pack';
import { parseFilters } from '../../lib/filters';
import type { DashboardFilters } from './api/dashboard-queries';

// An edition fixed the dashboard's filters, deadline, as-of date and basis when it was frozen
// (docs/product.md §2 "Meetings and editions"): the page shows them, and its links to the explorer
// carry them, as the edition stored them.

/** The dashboard's state for an edition: its stored filters, deadline, as-of date and basis. */
export function editionFilters(edition: EditionDto): DashboardFilters {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(edition.filters)) params.set(name, values.join(','));
  params.set('asOf', edition.asOf);
  params.set('basis', edition.basis);
  return { ...parseFilters(params), deadline: edition.deadline, edition: edition.code };
}

/** The default code of a new edition: `<meeting>-<as-of date>`. */
export function defaultEditionCode(meeting: string, asOf: string): string {
  return `${meeting}-${asOf}`.toLowerCase().slice(0, 64);
}
