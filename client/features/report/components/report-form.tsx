import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConflictDialog } from '../../../components/conflict-dialog';
import { flashState } from '../../../components/flash-notice';
import { ErrorSummary } from '../../../components/form-field';
import { WriteProblemMessage } from '../../../components/write-problem';
import { formatList } from '../../../lib/format';
import { invalidateAfterWrite, submitReport } from '../../../lib/measure-writes';
import type { EditableMeasure } from '../../../lib/measure-writes';
import type { KpiDto } from '../../../../server/schemas/follow-up';
import type { ReportDto } from '../../../../server/schemas/responses';
import { useKpiObservations } from '../kpi-observations';
import type { ReportBodyWithKpis } from '../kpi-observations';
import { KpiObservationFields } from './kpi-observation-fields';
import { ReturnedNotice } from './returned-notice';
import { titleOf, useLanguage } from '../../../lib/meta';
import { useMeasureWrite } from '../../../lib/use-measure-write';
import { issuesToErrors, toReportBody } from '../report-validation';
import type { ReportValues } from '../report-validation';
import { useReportDraft } from '../use-report-draft';
import { CurrentState } from './current-state';
import { MilestoneCompletions } from './milestone-completions';
import { NoteEvidenceFields } from './note-evidence-fields';
import { reportConflictRows } from './report-conflict';
import { StatusHealthFields } from './status-health-fields';
import { MeasurePageHeader } from '../../../components/measure-page-header';

/** A report being sent: the form's values, and the body made of them against the version it was sent on. */
interface SentReport {
  values: ReportValues;
  body: ReportBodyWithKpis;
}

export function ReportForm({
  initial,
  kpis,
  latestReport,
  today,
}: {
  initial: EditableMeasure;
  /** The measure's KPIs, each open to a new observation with this report (docs/product.md §4). */
  kpis: KpiDto[];
  /** The newest report: when the secretariat returned it, its comment heads the form. */
  latestReport: ReportDto | null;
  today: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<EditableMeasure>(initial);
  const draft = useReportDraft(base.measure, today);
  const kpiDraft = useKpiObservations(kpis, today);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [reapplied, setReapplied] = useState<{ version: number; dropped: string[] } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const reappliedRef = useRef<HTMLDivElement>(null);
  const measure = base.measure;
  const code = measure.code;
  const title = (m: { titleJa: string; titleEn: string }) => titleOf(m, language);

  const write = useMeasureWrite<SentReport>({
    write: ({ body }, etag) => submitReport(code, etag, body),
    onSaved: async () => {
      await invalidateAfterWrite(queryClient);
      void navigate(`/measures/${code}`, { state: flashState('report.saved', { code }) });
    },
    onConflict: () => setDialogOpen(true),
    onIssues: (issues, { body }) => {
      const kpiPlaced = kpiDraft.showServerIssues(issues, body.kpiObservations ?? []);
      const rest = kpiPlaced ? issues.filter((i) => i.path[0] !== 'kpiObservations') : issues;
      draft.showServerErrors(issuesToErrors(rest, body, t));
      queueMicrotask(() => summaryRef.current?.focus());
      return true;
    },
  });
  const { problem, conflict } = write;

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (reapplied) reappliedRef.current?.focus();
  }, [reapplied]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Both parts are checked (and show their problems) before either is sent.
    const reportOk = draft.submit();
    const kpisOk = kpiDraft.submit();
    if (!reportOk || !kpisOk) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    setReapplied(null);
    const report = toReportBody(draft.values, measure);
    if (!report) return;
    const kpiObservations = kpiDraft.observations();
    const body: ReportBodyWithKpis = kpiObservations.length > 0 ? { ...report, kpiObservations } : report;
    write.send({ values: draft.values, body }, base.etag);
  };

  const reapply = () => {
    if (!conflict) return;
    const dropped = draft.rebase(conflict.current);
    const droppedTitles = measure.milestoneList.filter((m) => dropped.includes(m.id)).map((m) => title(m));
    setBase({ measure: conflict.current, etag: conflict.etag });
    write.clearConflict();
    setDialogOpen(false);
    setReapplied({ version: conflict.current.version, dropped: droppedTitles });
  };

  const discard = () => {
    setDialogOpen(false);
    write.clearConflict();
    void invalidateAfterWrite(queryClient);
    void navigate(`/measures/${code}`, { state: flashState('report.discarded') });
  };

  return (
    <div className="report-page">
      <MeasurePageHeader code={code} measureTitle={title(measure)} page="report" />

      {latestReport?.review.state === 'returned' && <ReturnedNotice report={latestReport} />}
      <CurrentState measure={measure} />

      {reapplied && (
        <div className="form-notice" role="status" tabIndex={-1} ref={reappliedRef} data-testid="reapplied-notice">
          <p>{t('report.reapplied', { version: reapplied.version })}</p>
          {reapplied.dropped.length > 0 && (
            <p>{t('report.droppedMilestones', { list: formatList(reapplied.dropped, language) })}</p>
          )}
        </div>
      )}
      {problem && (
        <div className="form-alert" role="alert" tabIndex={-1} ref={problemRef} data-testid="report-problem">
          <WriteProblemMessage problem={problem} signInNext={`/measures/${code}/report`} />
        </div>
      )}
      <ErrorSummary errors={[...draft.summary, ...kpiDraft.summary]} ref={summaryRef} />

      <form className="stacked-form report-form" onSubmit={onSubmit} noValidate aria-labelledby="report-form-heading">
        <h2 id="report-form-heading" className="visually-hidden">
          {t('report.title')}
        </h2>
        <StatusHealthFields draft={draft} />
        <NoteEvidenceFields draft={draft} />
        <MilestoneCompletions measure={measure} today={today} draft={draft} />
        <KpiObservationFields kpis={kpis} today={today} draft={kpiDraft} />

        {conflict && !dialogOpen && (
          <div className="form-notice warning" role="status">
            <p>{t('conflict.title')}</p>
            <button type="button" className="secondary" onClick={() => setDialogOpen(true)}>
              {t('conflict.showAgain')}
            </button>
          </div>
        )}

        <div className="form-actions">
          <button type="submit" id="report-submit" disabled={write.isPending}>
            {write.isPending ? t('report.submitting') : t('report.submit')}
          </button>
          <Link to={`/measures/${code}`}>{t('report.cancel')}</Link>
        </div>
      </form>

      <ConflictDialog
        open={dialogOpen && conflict !== null}
        description={t('conflict.reportDescription')}
        current={conflict?.current}
        rows={
          conflict
            ? reportConflictRows({ base: measure, mine: conflict.pending.values, current: conflict.current, language, t })
            : []
        }
        reapplyLabel={t('conflict.reapplyReport')}
        discardLabel={t('conflict.discardReport')}
        onReapply={reapply}
        onDiscard={discard}
        onClose={() => setDialogOpen(false)}
      />
    </div>
  );
}
