import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ReportQueueItem } from '../../../../server/schemas/follow-up';
import { FormField } from '../../../components/form-field';
import { Pagination } from '../../../components/pagination';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { RequireRight } from '../../../components/require-session';
import { formatNumber } from '../../../lib/format';
import { invalidateAfterWrite } from '../../../lib/measure-writes';
import { nameOf, titleOf, useLanguage, useMeta } from '../../../lib/meta';
import { canReviewReports } from '../../../../common/roles';
import {
  REVIEW_PAGE_SIZE,
  parseReviewFilters,
  reviewFiltersToParams,
  reviewQueueQuery,
  reviewRoundsQuery,
} from '../api/review-queries';
import type { ReviewDecision, ReviewFilters } from '../api/review-queries';
import { ReviewItem } from './review-item';

/** The review queue at /review (docs/product.md §4, "The follow-up round"): accept, or return with a comment. */
export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <RequireRight right={canReviewReports} title={t('review.title')} refusal={t('followUp.forbidden')}>
      <ReviewQueue />
    </RequireRight>
  );
}

function ReviewQueue() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = parseReviewFilters(params);
  const query = useQuery(reviewQueueQuery(filters));
  const [notice, setNotice] = useState<{ code: string; decision: ReviewDecision['decision'] } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const setFilters = (next: ReviewFilters) => setParams(reviewFiltersToParams(next));
  // A decision changes the queue, every round's counts and the figures read on accepted reports.
  const refresh = () => invalidateAfterWrite(queryClient);
  const onDecided = (item: ReportQueueItem, decision: ReviewDecision['decision']) => {
    setNotice({ code: item.measure.code, decision });
    void refresh();
  };
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE));

  return (
    <div className="follow-up-page review-page">
      <h1>{t('review.title')}</h1>
      <p>{t('review.intro')}</p>
      <ReviewFilterForm
        key={reviewFiltersToParams(filters).toString()}
        filters={filters}
        onApply={(next) => setFilters({ ...next, page: 1 })}
      />
      {notice && (
        <p className="form-notice" role="status" tabIndex={-1} ref={noticeRef} data-testid="review-notice">
          {t(notice.decision === 'accept' ? 'review.accepted' : 'review.returned', { code: notice.code })}
        </p>
      )}
      <QueryView
        query={query}
        data={query.data}
        skeletonHeight={360}
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState message={t('review.empty')} />}
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite" data-testid="review-total">
              {t('followUp.total', { count: total, formatted: formatNumber(total, language) })}
            </p>
            {data.items.map((item) => (
              <ReviewItem key={item.report.id} item={item} onDecided={onDecided} onRefresh={() => void refresh()} />
            ))}
            {pages > 1 && (
              <Pagination
                page={filters.page}
                pages={pages}
                label={t('review.title')}
                onPage={(page) => setFilters({ ...filters, page })}
              />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

function ReviewFilterForm({ filters, onApply }: { filters: ReviewFilters; onApply: (next: ReviewFilters) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const { data: rounds } = useQuery(reviewRoundsQuery());
  const [draft, setDraft] = useState(filters);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filter-bar" role="search" aria-label={t('review.filters')} onSubmit={onSubmit}>
      <div className="filter-bar-row">
        <FormField id="review-round" label={t('review.round')} layout="inline">
          {(control) => (
            <select {...control} value={draft.round} onChange={(e) => setDraft({ ...draft, round: e.target.value })}>
              <option value="">{t('review.allRounds')}</option>
              {(rounds?.items ?? []).map((round) => (
                <option key={round.code} value={round.code}>
                  {titleOf(round, language)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="review-ministry" label={t('followUp.ministry')} layout="inline">
          {(control) => (
            <select {...control} value={draft.ministry} onChange={(e) => setDraft({ ...draft, ministry: e.target.value })}>
              <option value="">{t('followUp.allMinistries')}</option>
              {(meta?.ministries ?? []).map((ministry) => (
                <option key={ministry.code} value={ministry.code}>
                  {nameOf(ministry, language)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit">{t('audit.apply')}</button>
        </div>
      </div>
    </form>
  );
}
