import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HealthBadge, ProgressBar } from '../../../components/badges';
import { DownloadMenu } from '../../../components/download-menu';
import { Panel } from '../../../components/panel';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { exportUrl } from '../../../lib/export-url';
import { filtersToParams } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { behindItems } from '../chart-data';
import { behindQuery } from '../api/dashboard-queries';

/** The measures most behind (the list's `sort=behind` order), each a link to its detail page. */
export function BehindList({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const query = useQuery(behindQuery(filters));
  const items = useMemo(() => (query.data ? behindItems(query.data.items) : null), [query.data]);
  const allHref = `/measures?${filtersToParams(filters, { sort: 'behind' }).toString()}`;

  return (
    <Panel
      title={t('dashboard.behind')}
      description={t('dashboard.behindHelp')}
      testId="behind-list"
      actions={
        // The panel shows the first few; the file has all of them, in the same order (the "see all" view).
        <DownloadMenu
          context={t('dashboard.behind')}
          hint={t('download.behindHint')}
          hrefOf={(format) => exportUrl('measures', format, { ...filters, sort: 'behind' }, language)}
        />
      }
    >
      <QueryView
        query={query}
        data={items}
        skeletonHeight={320}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState message={t('dashboard.behindEmpty')} />}
      >
        {(list) => (
          <ol className="behind-list">
            {list.map((item) => (
              <li key={item.code}>
                <Link to={`/measures/${encodeURIComponent(item.code)}`} className="behind-title">
                  {titleOf(item, language)}
                </Link>
                <span className="behind-meta">
                  <span className="muted">
                    {item.code} · {name('ministries', item.leadMinistry)}
                  </span>
                  <HealthBadge health={item.health} />
                  {item.milestones.overdue > 0 && (
                    <span className="overdue-count">{t('dashboard.overdueCount', { count: item.milestones.overdue })}</span>
                  )}
                  <span>
                    <span className="visually-hidden">{t('common.progress')}</span>
                    <ProgressBar value={item.progress} />
                  </span>
                </span>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
      <p>
        <Link to={allHref}>{t('dashboard.behindAll')}</Link>
      </p>
    </Panel>
  );
}
