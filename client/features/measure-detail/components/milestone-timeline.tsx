import { useTranslation } from 'react-i18next';
import { Panel } from '../../../components/panel';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { MilestoneDto } from '../../../../server/schemas/responses';
import { titleOf, useLanguage } from '../../../lib/meta';
import { MilestoneRevisions } from './milestone-revisions';

// A measure's milestones on a timeline (docs/product.md §5), each marked by its completion on both
// axes of the follow-up round (§4): 未完了 open (or overdue), 報告済み reported complete by the
// ministry, 確認済み verified by the secretariat against its evidence — with who verified it, when,
// and the evidence link. The mark is a word and a symbol, never a colour alone.

const COMPLETION_COLOR = { open: '#8c8c8c', overdue: '#d55e00', reported: '#0072b2', verified: '#009e73' } as const;

export function MilestoneTimeline({ milestones }: { milestones: MilestoneDto[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Panel title={t('detail.milestones')} variant="plain">
      <ol className="timeline">
        {milestones.map((ms) => {
          const mark = ms.completion === 'open' && ms.overdue ? 'overdue' : ms.completion;
          const lastRejection = [...ms.verificationHistory].reverse().find((h) => h.decision === 'rejected');
          return (
            <li
              key={ms.id}
              className={ms.completedDate ? 'done' : ms.overdue ? 'overdue' : ''}
              data-milestone={ms.id}
              data-completion={ms.completion}
            >
              <strong>{titleOf(ms, language)}</strong>{' '}
              <span className="badge" style={{ borderColor: COMPLETION_COLOR[mark] }} data-testid="completion-mark">
                {t(`followUpViews.completion.${mark}`)}
              </span>
              <div className="muted">
                {t('detail.due')}: {formatDate(ms.dueDate, language)}
                {ms.slipDays !== 0 && (
                  <>
                    {' '}
                    ({t('detail.baseline')}: {formatDate(ms.baselineDueDate, language)},{' '}
                    {t('detail.slipped', { count: ms.slipDays })})
                  </>
                )}
                {ms.completedDate && (
                  <>
                    {' · '}
                    {t('detail.done')}: {formatDate(ms.completedDate, language)}
                  </>
                )}
                {ms.weight !== 1 && ` · ${t('detail.weight')}: ${ms.weight}`}
                {ms.evidenceUrl && (
                  <>
                    {' · '}
                    <a href={ms.evidenceUrl} rel="noopener noreferrer" target="_blank">
                      {t('detail.evidence')}
                    </a>
                  </>
                )}
              </div>
              {ms.completion === 'verified' && ms.verifiedAt && (
                <div className="small" data-testid="verified-by">
                  {t('followUpViews.verifiedBy', { who: ms.verifiedBy ?? '—', when: formatDateTime(ms.verifiedAt, language) })}
                </div>
              )}
              <MilestoneRevisions revisions={ms.revisions} />
              {ms.completion === 'open' && lastRejection && (
                <div className="small overdue-count">
                  {t('followUpViews.rejected', {
                    when: formatDateTime(lastRejection.decidedAt, language),
                    comment: lastRejection.comment,
                  })}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
