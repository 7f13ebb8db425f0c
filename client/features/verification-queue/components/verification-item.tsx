import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VerificationQueueItem } from '../../../../server/schemas/follow-up';
import { FormField } from '../../../components/form-field';
import { WriteProblemMessage } from '../../../components/write-problem';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { EXTERNAL_LINK, PreconditionFailed } from '../../../lib/follow-up-api';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { decideVerification } from '../api/verification-queries';
import type { VerificationDecision } from '../api/verification-queries';

const MAX_COMMENT = 2000;
const REFUSALS = ['evidence_required', 'milestone_not_completed', 'already_verified'] as const;
type RefusalCode = (typeof REFUSALS)[number] | 'changed';

function isRefusalCode(code: string | null): code is (typeof REFUSALS)[number] {
  return code !== null && (REFUSALS as readonly string[]).includes(code);
}

/** A refusal said in words (409 codes, a 412 when the measure changed meanwhile), or a general problem. */
function refusalOf(error: Error): { code: RefusalCode } | { problem: WriteProblem } {
  if (error instanceof PreconditionFailed) return { code: 'changed' };
  if (error instanceof ApiRequestError && error.status === 409 && isRefusalCode(error.code)) return { code: error.code };
  const failure = writeFailureOf(error);
  return { problem: failure.kind === 'issues' ? { kind: 'failed', message: error.message } : failure };
}

/** One milestone reported complete: its evidence, and verify / reject (comment required to reject). */
export function VerificationItem({
  item,
  onDecided,
}: {
  item: VerificationQueueItem;
  onDecided: (item: VerificationQueueItem, decision: VerificationDecision['decision']) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<ReturnType<typeof refusalOf> | null>(null);
  const mutation = useMutation({ mutationFn: (body: VerificationDecision) => decideVerification(item, body) });
  const id = `verify-${item.milestone.id}`;
  const { milestone, measure } = item;

  const decide = (decision: VerificationDecision['decision']) => {
    const text = comment.trim();
    const error =
      decision === 'reject' && !text
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
    mutation.mutate(text ? { decision, comment: text } : { decision }, {
      onSuccess: () => onDecided(item, decision),
      onError: (e) => setRefusal(refusalOf(e)),
    });
  };

  return (
    <article className="queue-item verification-item" aria-labelledby={`${id}-title`} data-milestone={milestone.id}>
      <h2 id={`${id}-title`}>{titleOf(milestone, language)}</h2>
      <dl className="queue-facts">
        <dt>{t('followUp.measure')}</dt>
        <dd>
          <Link to={`/measures/${encodeURIComponent(measure.code)}`}>
            <code>{measure.code}</code> {titleOf(measure, language)}
          </Link>
          <span className="muted"> · {name('ministries', measure.leadMinistry)}</span>
        </dd>
        <dt>{t('verification.dueDate')}</dt>
        <dd>{formatDate(milestone.dueDate, language)}</dd>
        <dt>{t('verification.completedDate')}</dt>
        <dd>{formatDate(milestone.completedDate, language)}</dd>
        <dt>{t('followUp.evidence')}</dt>
        <dd>
          {milestone.evidenceUrl ? (
            <a href={milestone.evidenceUrl} {...EXTERNAL_LINK} className="evidence-link">
              {t('followUp.evidenceLink')}
            </a>
          ) : (
            <span className="muted">{t('followUp.noEvidence')}</span>
          )}
        </dd>
      </dl>
      {refusal && (
        <div className="form-alert" role="alert" data-testid="verification-refusal">
          {'code' in refusal ? (
            <p>{t(`verification.errors.${refusal.code}`)}</p>
          ) : (
            <WriteProblemMessage problem={refusal.problem} signInNext="/verification" />
          )}
        </div>
      )}
      <div className="stacked-form">
        <FormField
          id={`${id}-comment`}
          label={t('verification.comment')}
          hint={t('verification.commentHint')}
          error={commentError}
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
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
          <button type="button" disabled={mutation.isPending} onClick={() => decide('verify')}>
            {t('verification.verify')}
          </button>
          <button type="button" className="secondary" disabled={mutation.isPending} onClick={() => decide('reject')}>
            {t('verification.reject')}
          </button>
        </div>
      </div>
    </article>
  );
}
