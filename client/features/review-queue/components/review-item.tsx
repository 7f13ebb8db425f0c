import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportQueueItem } from '../../../../server/schemas/follow-up';
import { FormField } from '../../../components/form-field';
import { WriteProblemMessage } from '../../../components/write-problem';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { PreconditionFailed } from '../../../lib/follow-up-api';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { isQueueItem, reviewReport } from '../api/review-queries';
import type { ReviewDecision } from '../api/review-queries';
import { ReportComparison } from './report-comparison';

const MAX_COMMENT = 2000;

/** Why a decision did not go through: someone decided first (412), a newer report (409), or else. */
type Refusal =
  { kind: 'decidedFirst'; current: ReportQueueItem | null } | { kind: 'superseded' } | { kind: 'problem'; problem: WriteProblem };

function refusalOf(error: Error): Refusal {
  if (error instanceof PreconditionFailed)
    return { kind: 'decidedFirst', current: isQueueItem(error.current) ? error.current : null };
  if (error instanceof ApiRequestError && error.status === 409 && error.code === 'report_superseded')
    return { kind: 'superseded' };
  const failure = writeFailureOf(error);
  return { kind: 'problem', problem: failure.kind === 'issues' ? { kind: 'failed', message: error.message } : failure };
}

/** One report of the queue beside the previous one, with accept / return (差し戻し, comment required). */
export function ReviewItem({
  item,
  onDecided,
  onRefresh,
}: {
  item: ReportQueueItem;
  onDecided: (item: ReportQueueItem, decision: ReviewDecision['decision']) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const mutation = useMutation({ mutationFn: (body: ReviewDecision) => reviewReport(item, body) });
  const id = `review-${item.report.id}`;

  const decide = (decision: ReviewDecision['decision']) => {
    const text = comment.trim();
    const error =
      decision === 'return' && !text
        ? t('followUp.commentRequired')
        : text.length > MAX_COMMENT
          ? t('followUp.commentTooLong')
          : undefined;
    setCommentError(error);
    setRefusal(null);
    if (error) {
      document.getElementById(`${id}-comment`)?.focus();
      return;
    }
    mutation.mutate(
      { decision, comment: text },
      { onSuccess: () => onDecided(item, decision), onError: (e) => setRefusal(refusalOf(e)) },
    );
  };

  return (
    <article className="queue-item review-item" aria-labelledby={`${id}-title`} data-report={item.report.id}>
      <h2 id={`${id}-title`}>
        <Link to={`/measures/${encodeURIComponent(item.measure.code)}`}>
          {t('review.itemTitle', { code: item.measure.code, title: titleOf(item.measure, language) })}
        </Link>
      </h2>
      <p className="muted">{name('ministries', item.measure.leadMinistry)}</p>
      <ReportComparison item={item} />
      {refusal && <RefusalMessage refusal={refusal} onRefresh={onRefresh} />}
      <div className="stacked-form review-form">
        <FormField id={`${id}-comment`} label={t('review.comment')} hint={t('review.commentHint')} error={commentError}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={comment}
              maxLength={MAX_COMMENT + 100}
              onChange={(e) => {
                setComment(e.target.value);
                if (commentError) setCommentError(undefined);
              }}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="button" disabled={mutation.isPending} onClick={() => decide('accept')}>
            {t('review.accept')}
          </button>
          <button type="button" className="secondary" disabled={mutation.isPending} onClick={() => decide('return')}>
            {t('review.return')}
          </button>
        </div>
      </div>
    </article>
  );
}

/** The decided-first message names the state now and who decided it, in the page language. */
function RefusalMessage({ refusal, onRefresh }: { refusal: Refusal; onRefresh: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (refusal.kind === 'problem') {
    return (
      <div className="form-alert" role="alert">
        <WriteProblemMessage problem={refusal.problem} signInNext="/review" />
      </div>
    );
  }
  const review = refusal.kind === 'decidedFirst' ? refusal.current?.report.review : undefined;
  return (
    <div className="form-alert" role="alert" data-testid="review-refusal">
      {refusal.kind === 'superseded' ? (
        <p>{t('review.superseded')}</p>
      ) : (
        <>
          <p>
            {t('review.decidedFirst', { state: review ? t(`answerStates.${review.state}`) : '—' })}
            {review?.reviewer &&
              t('review.decidedBy', { reviewer: review.reviewer, when: formatDateTime(review.reviewedAt, language) })}
          </p>
          {review?.comment && <p className="review-comment">{review.comment}</p>}
        </>
      )}
      <button type="button" className="secondary" onClick={onRefresh}>
        {t('followUp.refresh')}
      </button>
    </div>
  );
}
