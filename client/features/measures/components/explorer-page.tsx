import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DownloadMenu } from '../../../components/download-menu';
import { FilterBar } from '../../../components/filter-bar';
import { Pagination } from '../../../components/pagination';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { exportUrl } from '../../../lib/export-url';
import { PAGE_SIZES, emptyFilters } from '../../../lib/filters';
import { formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { useSession } from '../../../lib/session';
import { useExplorerState } from '../../../lib/use-url-filters';
import { registersMeasures } from '../../../../common/roles';
import { measureListQuery } from '../api/measures-queries';
import { MeasuresTable } from './measures-table';

const SORT_KEYS = ['code', 'title', 'ministry', 'status', 'health', 'progress', 'targetDate', 'updatedAt', 'behind'] as const;

/** The analyst's explorer (docs/product.md §5): every filter, the sort and the page live in the URL. */
export function ExplorerPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [state, setState] = useExplorerState();
  const { user } = useSession();
  const query = useQuery(measureListQuery(state, language));
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const sortKey = state.sort.replace(/^-/, '');
  const descending = state.sort.startsWith('-');

  return (
    <>
      <h1>{t('explorer.title')}</h1>
      {user && registersMeasures(user.role) && (
        <p>
          <Link className="button-link" to="/measures/new" data-testid="new-measure-link">
            {t('measureEditor.newLink')}
          </Link>
        </p>
      )}
      <FilterBar filters={state} onChange={(filters) => setState({ ...state, ...filters, page: 1 })} />
      <div className="pagination" aria-label={t('explorer.sortBy')}>
        <strong aria-live="polite" data-testid="result-count">
          {query.data
            ? t('explorer.resultCount', { count: total, formatted: formatNumber(total, language) })
            : t('common.loading')}
        </strong>
        <label>
          {t('explorer.sortBy')}{' '}
          <select
            value={sortKey}
            onChange={(e) => setState({ ...state, sort: descending ? `-${e.target.value}` : e.target.value, page: 1 })}
          >
            {SORT_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(`explorer.sorts.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <select
            aria-label={t('explorer.sortBy')}
            value={descending ? 'desc' : 'asc'}
            onChange={(e) => setState({ ...state, sort: e.target.value === 'desc' ? `-${sortKey}` : sortKey, page: 1 })}
          >
            <option value="asc">{t('explorer.ascending')}</option>
            <option value="desc">{t('explorer.descending')}</option>
          </select>
        </label>
        <label>
          {t('explorer.pageSize')}{' '}
          <select value={state.pageSize} onChange={(e) => setState({ ...state, pageSize: Number(e.target.value), page: 1 })}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        {/* Every matching row in this sort, not this page: the page and its size are left out. */}
        <DownloadMenu hint={t('download.measuresHint')} hrefOf={(format) => exportUrl('measures', format, state, language)} />
      </div>

      <QueryView
        query={query}
        data={query.data}
        skeletonHeight={400}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState>
            <button type="button" className="secondary" onClick={() => setState({ ...state, ...emptyFilters(), page: 1 })}>
              {t('common.clearFilters')}
            </button>
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <MeasuresTable items={data.items} sort={state.sort} onSort={(sort) => setState({ ...state, sort, page: 1 })} />
            <Pagination
              page={state.page}
              pages={pages}
              label={t('explorer.page', { page: state.page, pages })}
              onPage={(page) => setState({ ...state, page })}
            />
          </>
        )}
      </QueryView>
    </>
  );
}
