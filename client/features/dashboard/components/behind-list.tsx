import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HealthBadge, ProgressBar } from '../../../components/badges';
import { ErrorState, Skeleton } from '../../../components/query-state';
import { filtersToParams } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { useLanguage, useNamer } from '../../../lib/meta';
import { behindItems } from '../chart-data';
import { behindQuery } from '../api/dashboard-queries';

/** The measures most behind (the list's `sort=behind` order), each a link to its detail page. */
export function BehindList({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const id = useId();
  const query = useQuery(behindQuery(filters));
  const items = query.data ? behindItems(query.data.items) : [];
  const allHref = `/measures?${filtersToParams(filters, { sort: 'behind' }).toString()}`;

  return (
    <section className="panel dashboard-panel" aria-labelledby={`${id}-h`} data-testid="behind-list">
      <h2 id={`${id}-h`}>{t('dashboard.behind')}</h2>
      <p className="muted chart-help">{t('dashboard.behindHelp')}</p>
      {query.isPending ? (
        <Skeleton height={320} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty-state" role="status">
          {t('dashboard.behindEmpty')}
        </p>
      ) : (
        <ol className="behind-list">
          {items.map((item) => (
            <li key={item.code}>
              <Link to={`/measures/${encodeURIComponent(item.code)}`} className="behind-title">
                {language === 'en' ? item.titleEn : item.titleJa}
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
      <p>
        <Link to={allHref}>{t('dashboard.behindAll')}</Link>
      </p>
    </section>
  );
}
