import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConflictDialog } from '../../../components/conflict-dialog';
import { WriteProblemMessage } from '../../../components/write-problem';
import { formatDate } from '../../../lib/format';
import { invalidateAfterWrite } from '../../../lib/measure-writes';
import type { EditableMeasure } from '../../../lib/measure-writes';
import { titleOf, useLanguage } from '../../../lib/meta';
import { useMeasureWrite } from '../../../lib/use-measure-write';
import { writeMilestoneChange } from '../api/milestone-writes';
import type { MilestoneChange } from '../api/milestone-writes';
import { newMilestoneIssueErrors, rescheduleIssueError } from '../milestone-validation';
import { AddMilestoneForm, useNewMilestoneDraft } from './add-milestone-form';
import { milestoneConflictRows } from './milestone-conflict';
import { EvidenceForm, useEvidenceEdit } from './evidence-form';
import { MilestoneTable } from './milestone-table';
import { RescheduleForm, useReschedule } from './reschedule-form';
import { MeasurePageHeader } from '../../../components/measure-page-header';

// Add a milestone or reschedule one, each with If-Match on the measure's ETag; a reschedule keeps
// the baseline, so the slip shows (the server keeps baseline_due_date; the table shows both).

export function MilestoneEditor({ initial }: { initial: EditableMeasure }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<EditableMeasure>(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const reschedule = useReschedule();
  const evidence = useEvidenceEdit();
  const addForm = useNewMilestoneDraft();
  const noticeRef = useRef<HTMLDivElement>(null);
  const measure = base.measure;
  const code = measure.code;
  const title = (m: { titleJa: string; titleEn: string }) => titleOf(m, language);

  const write = useMeasureWrite<MilestoneChange>({
    write: (change, etag) => writeMilestoneChange(code, change, etag),
    onSaved: async (saved, change) => {
      setBase(saved);
      if (change.kind === 'add') {
        setNotice(t('milestones.added', { title: title(change.values) }));
        addForm.reset();
      } else if (change.kind === 'evidence') {
        const m = saved.measure.milestoneList.find((x) => x.id === change.milestoneId);
        setNotice(
          t(change.evidenceUrl ? 'followUpViews.evidenceSaved' : 'followUpViews.evidenceRemoved', {
            title: m ? title(m) : String(change.milestoneId),
          }),
        );
        evidence.close();
      } else {
        const m = saved.measure.milestoneList.find((x) => x.id === change.milestoneId);
        setNotice(
          t('milestones.updated', {
            title: m ? title(m) : String(change.milestoneId),
            date: formatDate(change.dueDate, language),
          }),
        );
        reschedule.close();
      }
      await invalidateAfterWrite(queryClient);
    },
    onIssues: (issues, change) => {
      if (change.kind === 'reschedule') {
        reschedule.showServerError(rescheduleIssueError(issues, t));
        return true;
      }
      if (change.kind === 'evidence') {
        evidence.showServerError(rescheduleIssueError(issues, t));
        return true;
      }
      const errors = newMilestoneIssueErrors(issues, t);
      if (Object.keys(errors).length === 0) return false;
      addForm.showServerErrors(errors);
      return true;
    },
  });
  const { problem, conflict } = write;

  useEffect(() => {
    if (notice || problem) noticeRef.current?.focus();
  }, [notice, problem]);

  const send = (change: MilestoneChange) => {
    setNotice(null);
    write.send(change, base.etag);
  };

  const reapply = () => {
    if (!conflict) return;
    setBase({ measure: conflict.current, etag: conflict.etag });
    write.clearConflict();
    setNotice(t('milestones.reapplied', { version: conflict.current.version }));
  };
  const discard = () => {
    if (!conflict) return;
    setBase({ measure: conflict.current, etag: conflict.etag });
    if (conflict.pending.kind === 'add') addForm.reset();
    else if (conflict.pending.kind === 'evidence') evidence.close();
    else reschedule.close();
    write.clearConflict();
    setNotice(t('milestones.discarded'));
    void invalidateAfterWrite(queryClient);
  };

  const editingMilestone = measure.milestoneList.find((m) => m.id === reschedule.editing) ?? null;
  const evidenceMilestone = measure.milestoneList.find((m) => m.id === evidence.editing) ?? null;

  return (
    <div className="milestones-page">
      <MeasurePageHeader code={code} measureTitle={title(measure)} page="milestones" />
      <p>
        <Link to={`/measures/${code}/report`}>{t('milestones.report')}</Link> ·{' '}
        <Link to={`/measures/${code}`}>{t('milestones.backToMeasure')}</Link>
      </p>

      {(notice || problem) && (
        <div
          className={problem ? 'form-alert' : 'form-notice'}
          role={problem ? 'alert' : 'status'}
          tabIndex={-1}
          ref={noticeRef}
          data-testid="milestone-notice"
        >
          {problem ? <WriteProblemMessage problem={problem} signInNext={`/measures/${code}/milestones`} /> : notice}
        </div>
      )}

      <MilestoneTable
        milestones={measure.milestoneList}
        editing={reschedule.editing}
        onReschedule={reschedule.toggle}
        editingEvidence={evidence.editing}
        onEvidence={evidence.toggle}
      />

      {evidenceMilestone && (
        <EvidenceForm
          milestone={evidenceMilestone}
          edit={evidence}
          isPending={write.isPending}
          onSave={(evidenceUrl) => send({ kind: 'evidence', milestoneId: evidenceMilestone.id, evidenceUrl })}
        />
      )}

      {editingMilestone && (
        <RescheduleForm
          milestone={editingMilestone}
          reschedule={reschedule}
          isPending={write.isPending}
          onSave={(dueDate, reason) => send({ kind: 'reschedule', milestoneId: editingMilestone.id, dueDate, reason })}
        />
      )}

      <AddMilestoneForm form={addForm} isPending={write.isPending} onAdd={(values) => send({ kind: 'add', values })} />

      <ConflictDialog
        open={conflict !== null}
        description={t('conflict.milestoneDescription')}
        current={conflict?.current}
        rows={conflict ? milestoneConflictRows(measure, conflict.current, conflict.pending, language, t) : []}
        reapplyLabel={t('conflict.reapplyMilestone')}
        discardLabel={t('conflict.discardMilestone')}
        onReapply={reapply}
        onDiscard={discard}
        onClose={write.clearConflict}
      />
    </div>
  );
}
