import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { formatDate } from '../../../lib/format';
import type { MilestoneDto } from '../../../../server/schemas/responses';
import { titleOf, useLanguage } from '../../../lib/meta';

export type Milestone = MilestoneDto;

/** Every milestone with its baseline beside its due date, so a slip shows; open ones can be rescheduled. */
export function MilestoneTable({
  milestones,
  editing,
  onReschedule,
  editingEvidence,
  onEvidence,
}: {
  milestones: Milestone[];
  /** The milestone whose reschedule form is open. */
  editing: number | null;
  /** The reschedule button: opens that milestone's form, or closes it when it is the open one. */
  onReschedule: (milestone: Milestone) => void;
  /** The milestone whose evidence form is open. */
  editingEvidence: number | null;
  /** The evidence button: opens that milestone's evidence form, or closes it. */
  onEvidence: (milestone: Milestone) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const title = (m: Milestone) => titleOf(m, language);
  return (
    <section aria-labelledby="ms-list-heading">
      <h2 id="ms-list-heading">{t('milestones.listCaption')}</h2>
      {milestones.length === 0 ? (
        <p className="muted">{t('milestones.none')}</p>
      ) : (
        <DataTable
          caption={t('milestones.listCaption')}
          captionHidden
          className="milestone-table"
          columns={[
            { key: 'title', label: t('milestones.columns.title') },
            { key: 'baseline', label: t('milestones.columns.baseline') },
            { key: 'due', label: t('milestones.columns.due') },
            { key: 'weight', label: t('milestones.columns.weight'), numeric: true },
            { key: 'state', label: t('milestones.columns.state') },
            { key: 'evidence', label: t('followUpViews.evidenceUrl') },
            { key: 'action', label: t('milestones.columns.action') },
          ]}
        >
          {milestones.map((m) => (
            <tr key={m.id} data-milestone={m.id}>
              <td>{title(m)}</td>
              <td className="nowrap">{formatDate(m.baselineDueDate, language)}</td>
              <td className="nowrap">
                {formatDate(m.dueDate, language)}
                {m.slipDays !== 0 && (
                  <div className={m.slipDays > 0 ? 'overdue-count small' : 'muted small'}>
                    {m.slipDays > 0
                      ? t('milestones.slip', { count: m.slipDays })
                      : t('milestones.slipEarlier', { count: -m.slipDays })}
                  </div>
                )}
              </td>
              <td className="num">{m.weight}</td>
              <td className="nowrap">
                {m.completedDate ? (
                  t('milestones.completed', { date: formatDate(m.completedDate, language) })
                ) : m.overdue ? (
                  <span className="overdue-count">{t('milestones.overdue')}</span>
                ) : (
                  t('milestones.pending')
                )}
              </td>
              <td data-testid="ms-evidence">
                {m.evidenceUrl ? (
                  <a href={m.evidenceUrl} rel="noopener noreferrer" target="_blank" className="break-all">
                    {m.evidenceUrl}
                  </a>
                ) : (
                  <span className="muted">—</span>
                )}
                {m.completion === 'verified' && <div className="small">{t('followUpViews.completion.verified')}</div>}
              </td>
              <td>
                <div className="row-actions">
                  {m.completedDate === null && (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('milestones.rescheduleLabel', { title: title(m) })}
                      aria-expanded={editing === m.id}
                      aria-controls="ms-reschedule"
                      onClick={() => onReschedule(m)}
                    >
                      {t('milestones.reschedule')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('followUpViews.evidenceLabel', { title: title(m) })}
                    aria-expanded={editingEvidence === m.id}
                    aria-controls="ms-evidence"
                    onClick={() => onEvidence(m)}
                  >
                    {t('followUpViews.evidenceEdit')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
