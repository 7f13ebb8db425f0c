import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { KpiCategory, KpiQueueItem } from '../../../../server/schemas/follow-up';
import { Pagination } from '../../../components/pagination';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { RequireRight } from '../../../components/require-session';
import { formatNumber } from '../../../lib/format';
import { invalidateAfterWrite } from '../../../lib/measure-writes';
import { useLanguage } from '../../../lib/meta';
import { canConfirmKpiCategories } from '../../../../common/roles';
import { KPI_PAGE_SIZE, kpiQueueQuery } from '../api/kpi-queries';
import { KpiItem } from './kpi-item';

/** KPI categories to confirm at /kpi-categories (docs/product.md §4, "The follow-up round"). */
export function KpiConfirmationPage() {
  const { t } = useTranslation();
  return (
    <RequireRight right={canConfirmKpiCategories} title={t('kpiConfirm.title')} refusal={t('followUp.forbidden')}>
      <KpiQueue />
    </RequireRight>
  );
}

function KpiQueue() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const pageParam = Number(params.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const query = useQuery(kpiQueueQuery(page));
  const [notice, setNotice] = useState<{ code: string; name: string; category: KpiCategory } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  // A confirmed category is what the dashboard's KPI panel and the measure page show: refetch all but the taxonomy.
  const refresh = () => invalidateAfterWrite(queryClient);
  const onConfirmed = (item: KpiQueueItem, category: KpiCategory) => {
    setNotice({ code: item.measure.code, name: language === 'en' ? item.kpi.nameEn : item.kpi.nameJa, category });
    void refresh();
  };
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / KPI_PAGE_SIZE));

  return (
    <div className="follow-up-page kpi-confirmation-page">
      <h1>{t('kpiConfirm.title')}</h1>
      <p>{t('kpiConfirm.intro')}</p>
      {notice && (
        <p className="form-notice" role="status" tabIndex={-1} ref={noticeRef} data-testid="kpi-notice">
          {t('kpiConfirm.confirmed', notice)}
        </p>
      )}
      <QueryView
        query={query}
        data={query.data}
        skeletonHeight={360}
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState message={t('kpiConfirm.empty')} />}
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {t('followUp.total', { count: total, formatted: formatNumber(total, language) })}
            </p>
            {data.items.map((item) => (
              <KpiItem key={item.kpi.id} item={item} onConfirmed={onConfirmed} onRefresh={() => void refresh()} />
            ))}
            {pages > 1 && (
              <Pagination
                page={page}
                pages={pages}
                label={t('kpiConfirm.title')}
                onPage={(next) => setParams(next > 1 ? { page: String(next) } : {})}
              />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}
