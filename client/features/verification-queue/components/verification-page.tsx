import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { VerificationQueueItem } from '../../../../server/schemas/follow-up';
import { FormField } from '../../../components/form-field';
import { Pagination } from '../../../components/pagination';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { RequireRight } from '../../../components/require-session';
import { formatNumber } from '../../../lib/format';
import { invalidateAfterWrite } from '../../../lib/measure-writes';
import { nameOf, titleOf, useLanguage, useMeta } from '../../../lib/meta';
import { canVerifyMilestones } from '../../../../common/roles';
import {
  VERIFICATION_PAGE_SIZE,
  parseVerificationFilters,
  verificationFiltersToParams,
  verificationQueueQuery,
} from '../api/verification-queries';
import type { VerificationDecision } from '../api/verification-queries';
import { VerificationItem } from './verification-item';

/** The milestones waiting for verification at /verification (docs/product.md §4, "The follow-up round"). */
export function VerificationPage() {
  const { t } = useTranslation();
  return (
    <RequireRight right={canVerifyMilestones} title={t('verification.title')} refusal={t('followUp.forbidden')}>
      <VerificationQueue />
    </RequireRight>
  );
}

function VerificationQueue() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = parseVerificationFilters(params);
  const query = useQuery(verificationQueueQuery(filters));
  const [notice, setNotice] = useState<{ title: string; decision: VerificationDecision['decision'] } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const onDecided = (item: VerificationQueueItem, decision: VerificationDecision['decision']) => {
    setNotice({ title: titleOf(item.milestone, language), decision });
    // A verification is a write to the measure: its page, the lists and the verified figures move too.
    void invalidateAfterWrite(queryClient);
  };
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / VERIFICATION_PAGE_SIZE));

  return (
    <div className="follow-up-page verification-page">
      <h1>{t('verification.title')}</h1>
      <p>{t('verification.intro')}</p>
      <MinistryFilter
        key={filters.ministry}
        ministry={filters.ministry}
        onApply={(ministry) => setParams(verificationFiltersToParams({ ministry, page: 1 }))}
      />
      {notice && (
        <p className="form-notice" role="status" tabIndex={-1} ref={noticeRef} data-testid="verification-notice">
          {t(notice.decision === 'verify' ? 'verification.verified' : 'verification.rejected', { title: notice.title })}
        </p>
      )}
      <QueryView
        query={query}
        data={query.data}
        skeletonHeight={360}
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState message={t('verification.empty')} />}
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {t('followUp.total', { count: total, formatted: formatNumber(total, language) })}
            </p>
            {data.items.map((item) => (
              <VerificationItem key={item.milestone.id} item={item} onDecided={onDecided} />
            ))}
            {pages > 1 && (
              <Pagination
                page={filters.page}
                pages={pages}
                label={t('verification.title')}
                onPage={(page) => setParams(verificationFiltersToParams({ ...filters, page }))}
              />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

function MinistryFilter({ ministry, onApply }: { ministry: string; onApply: (ministry: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const [draft, setDraft] = useState(ministry);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filter-bar" role="search" aria-label={t('filters.title')} onSubmit={onSubmit}>
      <div className="filter-bar-row">
        <FormField id="verification-ministry" label={t('followUp.ministry')} layout="inline">
          {(control) => (
            <select {...control} value={draft} onChange={(e) => setDraft(e.target.value)}>
              <option value="">{t('followUp.allMinistries')}</option>
              {(meta?.ministries ?? []).map((item) => (
                <option key={item.code} value={item.code}>
                  {nameOf(item, language)}
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
