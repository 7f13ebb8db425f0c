import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { HealthBadge, StatusBadge } from '../../../components/badges';
import { ConflictDialog } from '../../../components/conflict-dialog';
import { flashState } from '../../../components/flash-notice';
import { ErrorSummary, FieldError, FieldHint, describedBy } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { invalidateAfterWrite, submitReport } from '../../../lib/measure-writes';
import type { EditableMeasure, MeasureDetail, ReportBody } from '../../../lib/measure-writes';
import { nameOf, useLanguage, useMeta } from '../../../lib/meta';
import {
  initialValues,
  issuesToErrors,
  milestoneKey,
  rebaseValues,
  toReportBody,
  validateReport,
} from '../api/report-validation';
import type { ReportErrors, ReportValues, Status } from '../api/report-validation';
import { reportConflictRows } from './report-conflict';
import { jstDateOfInstant } from '../../../../common/calendar';
import { MAX_NOTE_LENGTH, MAX_URL_LENGTH } from '../../../../common/limits';
import { REPORTED_HEALTH_CODES } from '../../../../common/taxonomy';

/** The input each error key points at (for the error summary's links). */
function fieldIdOf(key: string): string {
  if (key === 'health') return 'report-health-on_track';
  if (key.startsWith('milestone-')) return `report-${key}-date`;
  return `report-${key}`;
}

const ERROR_ORDER = ['status', 'health', 'note', 'evidenceUrl'];

type Problem = { kind: 'forbidden'; message: string } | { kind: 'unauthenticated' } | { kind: 'failed'; message: string };

export function ReportForm({ initial, today }: { initial: EditableMeasure; today: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<EditableMeasure>(initial);
  const [values, setValues] = useState<ReportValues>(() => initialValues(initial.measure, today));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ReportErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState<{ current: MeasureDetail; etag: string; mine: ReportValues } | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [reapplied, setReapplied] = useState<{ version: number; dropped: string[] } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const reappliedRef = useRef<HTMLDivElement>(null);
  const measure = base.measure;
  const code = measure.code;
  const title = (m: { titleJa: string; titleEn: string }) => (language === 'en' ? m.titleEn : m.titleJa);

  const mutation = useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: ReportBody }) => submitReport(code, etag, body),
  });

  const clientErrors = validateReport(values, measure, today, t);
  const errorFor = (key: string): string | undefined =>
    serverErrors[key] ?? (submitted || touched[key] ? clientErrors[key] : undefined);
  const allErrors: ReportErrors = { ...clientErrors, ...serverErrors };
  const summaryItems: FieldErrorItem[] = submitted
    ? [
        ...ERROR_ORDER.filter((k) => allErrors[k]).map((k) => ({ fieldId: fieldIdOf(k), message: allErrors[k] ?? '' })),
        ...Object.keys(allErrors)
          .filter((k) => k.startsWith('milestone-'))
          .map((k) => ({ fieldId: fieldIdOf(k), message: allErrors[k] ?? '' })),
        ...(serverErrors[''] ? [{ fieldId: 'report-submit', message: serverErrors[''] }] : []),
      ]
    : [];

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (reapplied) reappliedRef.current?.focus();
  }, [reapplied]);

  const update = (patch: Partial<ReportValues>, keys: string[]) => {
    setValues((v) => ({ ...v, ...patch }));
    if (keys.some((k) => serverErrors[k])) {
      setServerErrors((errors) => {
        const next = { ...errors };
        for (const k of keys) delete next[k];
        return next;
      });
    }
  };
  const touch = (key: string) => setTouched((x) => (x[key] ? x : { ...x, [key]: true }));

  const send = (etag: string, against: MeasureDetail, formValues: ReportValues) => {
    const body = toReportBody(formValues, against);
    if (!body) return;
    setProblem(null);
    mutation.mutate(
      { etag, body },
      {
        onSuccess: async (outcome) => {
          if (outcome.kind === 'conflict') {
            setConflict({ current: outcome.current, etag: outcome.etag, mine: formValues });
            setDialogOpen(true);
            return;
          }
          await invalidateAfterWrite(queryClient);
          void navigate(`/measures/${code}`, { state: flashState('report.saved', { code }) });
        },
        onError: (error) => {
          if (error instanceof ApiRequestError && error.status === 400 && error.issues.length > 0) {
            setServerErrors(issuesToErrors(error.issues, body, t));
            queueMicrotask(() => summaryRef.current?.focus());
          } else if (error instanceof ApiRequestError && error.status === 403) {
            setProblem({ kind: 'forbidden', message: error.message });
          } else if (error instanceof ApiRequestError && error.status === 401) {
            setProblem({ kind: 'unauthenticated' });
          } else {
            setProblem({ kind: 'failed', message: error.message });
          }
        },
      },
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    if (Object.keys(clientErrors).length > 0) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    setReapplied(null);
    send(base.etag, measure, values);
  };

  const reapply = () => {
    if (!conflict) return;
    const { values: carried, dropped } = rebaseValues(values, conflict.current, today);
    const droppedTitles = measure.milestoneList.filter((m) => dropped.includes(m.id)).map((m) => title(m));
    setBase({ measure: conflict.current, etag: conflict.etag });
    setValues(carried);
    setServerErrors({});
    setConflict(null);
    setDialogOpen(false);
    setReapplied({ version: conflict.current.version, dropped: droppedTitles });
  };

  const discard = () => {
    setDialogOpen(false);
    setConflict(null);
    void invalidateAfterWrite(queryClient);
    void navigate(`/measures/${code}`, { state: flashState('report.discarded') });
  };

  const lastReport = measure.reports[0];
  const openMilestones = measure.milestoneList.filter((m) => m.completedDate === null);
  const created = jstDateOfInstant(measure.createdAt);
  const statuses = meta?.statuses ?? [];
  const healths = (meta?.healths ?? []).filter((h) => (REPORTED_HEALTH_CODES as readonly string[]).includes(h.code));

  const statusError = errorFor('status');
  const healthError = errorFor('health');
  const noteError = errorFor('note');
  const urlError = errorFor('evidenceUrl');

  return (
    <div className="report-page">
      <p className="muted">
        <Link to="/measures">{t('nav.measures')}</Link> / <Link to={`/measures/${code}`}>{code}</Link> / {t('report.title')}
      </p>
      <h1>{t('report.heading', { code })}</h1>
      <p className="lead-title">{title(measure)}</p>
      <p>{t('report.intro')}</p>

      <section className="panel current-state" aria-labelledby="current-state-heading" data-testid="current-state">
        <h2 id="current-state-heading">
          {t('report.currentState')} <span className="muted">({t('report.version', { version: measure.version })})</span>
        </h2>
        <p>
          <StatusBadge status={measure.status} /> <HealthBadge health={measure.health} />
        </p>
        <p>
          {t('report.lastReport')}:{' '}
          {lastReport ? (
            <>
              {formatDateTime(lastReport.reportedAt, language)} ({lastReport.reporter}){' '}
              <span className="report-note-preview">{lastReport.note}</span>
            </>
          ) : (
            t('report.noReport')
          )}
        </p>
        <p>
          <Link to={`/measures/${code}/milestones`}>{t('report.editMilestones')}</Link>
        </p>
      </section>

      {reapplied && (
        <div className="form-notice" role="status" tabIndex={-1} ref={reappliedRef} data-testid="reapplied-notice">
          <p>{t('report.reapplied', { version: reapplied.version })}</p>
          {reapplied.dropped.length > 0 && <p>{t('report.droppedMilestones', { list: reapplied.dropped.join('、') })}</p>}
        </div>
      )}
      {problem && (
        <div className="form-alert" role="alert" tabIndex={-1} ref={problemRef} data-testid="report-problem">
          {problem.kind === 'forbidden' && (
            <>
              <p>
                <strong>{t('report.forbiddenTitle')}</strong>
              </p>
              <p>{t('report.forbiddenServer', { message: problem.message })}</p>
            </>
          )}
          {problem.kind === 'unauthenticated' && (
            <p>
              {t('auth.sessionExpired')}{' '}
              <Link to={`/login?next=${encodeURIComponent(`/measures/${code}/report`)}`}>{t('auth.signIn')}</Link>
            </p>
          )}
          {problem.kind === 'failed' && <p>{t('report.failed', { message: problem.message })}</p>}
        </div>
      )}
      <ErrorSummary errors={summaryItems} ref={summaryRef} />

      <form className="stacked-form report-form" onSubmit={onSubmit} noValidate aria-labelledby="report-form-heading">
        <h2 id="report-form-heading" className="visually-hidden">
          {t('report.title')}
        </h2>
        <div className={statusError ? 'form-field has-error' : 'form-field'}>
          <label htmlFor="report-status">{t('report.status')}</label>
          <FieldError id="report-status-error" message={statusError} />
          <select
            id="report-status"
            name="status"
            value={values.status}
            aria-invalid={statusError ? true : undefined}
            aria-describedby={describedBy(statusError && 'report-status-error')}
            onChange={(e) => update({ status: e.target.value as Status }, ['status'])}
            onBlur={() => touch('status')}
          >
            {statuses.map((s) => (
              <option key={s.code} value={s.code}>
                {nameOf(s, language)}
              </option>
            ))}
          </select>
        </div>

        <fieldset
          className={healthError ? 'form-field has-error' : 'form-field'}
          aria-invalid={healthError ? true : undefined}
          aria-describedby={describedBy('report-health-hint', healthError && 'report-health-error')}
        >
          <legend>{t('report.health')}</legend>
          <FieldHint id="report-health-hint">{t('report.healthHelp')}</FieldHint>
          <FieldError id="report-health-error" message={healthError} />
          <div className="radio-row">
            {healths.map((h) => (
              <label key={h.code} className="radio-label">
                <input
                  type="radio"
                  id={`report-health-${h.code}`}
                  name="health"
                  value={h.code}
                  checked={values.health === h.code}
                  onChange={() => update({ health: h.code as ReportValues['health'] }, ['health'])}
                  onBlur={() => touch('health')}
                />
                <HealthBadge health={h.code} />
              </label>
            ))}
          </div>
        </fieldset>

        <div className={noteError ? 'form-field has-error' : 'form-field'}>
          <label htmlFor="report-note">
            {t('report.note')} <span className="muted">（{t('common.required')}）</span>
          </label>
          <FieldHint id="report-note-hint">{t('report.noteHelp', { max: formatNumber(MAX_NOTE_LENGTH, language) })}</FieldHint>
          <FieldError id="report-note-error" message={noteError} />
          <textarea
            id="report-note"
            name="note"
            rows={6}
            value={values.note}
            aria-required="true"
            aria-invalid={noteError ? true : undefined}
            aria-describedby={describedBy('report-note-hint', noteError && 'report-note-error', 'report-note-count')}
            onChange={(e) => update({ note: e.target.value }, ['note'])}
            onBlur={() => touch('note')}
          />
          <p id="report-note-count" className={values.note.length > MAX_NOTE_LENGTH ? 'char-count over' : 'char-count'}>
            {t('report.charCount', {
              count: formatNumber(values.note.length, language),
              max: formatNumber(MAX_NOTE_LENGTH, language),
            })}
          </p>
        </div>

        <div className={urlError ? 'form-field has-error' : 'form-field'}>
          <label htmlFor="report-evidenceUrl">
            {t('report.evidenceUrl')} <span className="muted">（{t('common.optional')}）</span>
          </label>
          <FieldHint id="report-evidenceUrl-hint">{t('report.evidenceHelp')}</FieldHint>
          <FieldError id="report-evidenceUrl-error" message={urlError} />
          <input
            id="report-evidenceUrl"
            name="evidenceUrl"
            type="url"
            inputMode="url"
            value={values.evidenceUrl}
            maxLength={MAX_URL_LENGTH + 100}
            placeholder="https://"
            aria-invalid={urlError ? true : undefined}
            aria-describedby={describedBy('report-evidenceUrl-hint', urlError && 'report-evidenceUrl-error')}
            onChange={(e) => update({ evidenceUrl: e.target.value }, ['evidenceUrl'])}
            onBlur={() => touch('evidenceUrl')}
          />
        </div>

        <fieldset className="form-field milestone-checklist" aria-describedby="report-milestones-hint">
          <legend>{t('report.milestones')}</legend>
          <FieldHint id="report-milestones-hint">{t('report.milestonesHelp')}</FieldHint>
          {openMilestones.length === 0 ? (
            <p className="muted">{t('report.noOpenMilestones')}</p>
          ) : (
            <ul className="plain-list">
              {openMilestones.map((m) => {
                const key = milestoneKey(m.id);
                const completion = values.completions[m.id] ?? { checked: false, date: today };
                const dateError = completion.checked ? errorFor(key) : undefined;
                const checkboxId = `report-${key}`;
                return (
                  <li key={m.id} className={dateError ? 'milestone-option has-error' : 'milestone-option'} data-milestone={m.id}>
                    <label htmlFor={checkboxId} className="checkbox-label">
                      <input
                        type="checkbox"
                        id={checkboxId}
                        name="milestonesCompleted"
                        value={m.id}
                        checked={completion.checked}
                        onChange={(e) =>
                          update(
                            { completions: { ...values.completions, [m.id]: { ...completion, checked: e.target.checked } } },
                            [key, 'status'],
                          )
                        }
                      />
                      <span>
                        {title(m)}{' '}
                        <span className={m.overdue ? 'overdue-count' : 'muted'}>
                          ({t('report.due', { date: formatDate(m.dueDate, language) })}
                          {m.overdue && ` · ${t('detail.overdue')}`})
                        </span>
                      </span>
                    </label>
                    {completion.checked && (
                      <div className="milestone-date">
                        <label htmlFor={`${checkboxId}-date`}>
                          {t('report.completedDate')}
                          <span className="visually-hidden">{t('report.completedDateOf', { title: title(m) })}</span>
                        </label>
                        <FieldError id={`${checkboxId}-date-error`} message={dateError} />
                        <input
                          type="date"
                          id={`${checkboxId}-date`}
                          name={`completedDate-${m.id}`}
                          value={completion.date}
                          min={created}
                          max={today}
                          required
                          aria-invalid={dateError ? true : undefined}
                          aria-describedby={describedBy(dateError && `${checkboxId}-date-error`)}
                          onChange={(e) =>
                            update({ completions: { ...values.completions, [m.id]: { ...completion, date: e.target.value } } }, [
                              key,
                            ])
                          }
                          onBlur={() => touch(key)}
                        />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>

        {conflict && !dialogOpen && (
          <div className="form-notice warning" role="status">
            <p>{t('conflict.title')}</p>
            <button type="button" className="secondary" onClick={() => setDialogOpen(true)}>
              {t('conflict.showAgain')}
            </button>
          </div>
        )}

        <div className="form-actions">
          <button type="submit" id="report-submit" disabled={mutation.isPending}>
            {mutation.isPending ? t('report.submitting') : t('report.submit')}
          </button>
          <Link to={`/measures/${code}`}>{t('report.cancel')}</Link>
        </div>
      </form>

      <ConflictDialog
        open={dialogOpen && conflict !== null}
        description={t('conflict.reportDescription')}
        changedBy={
          conflict
            ? t('conflict.changedBy', {
                version: conflict.current.version,
                when: formatDateTime(conflict.current.updatedAt, language),
              })
            : null
        }
        rows={conflict ? reportConflictRows({ base: measure, mine: conflict.mine, current: conflict.current, language, t }) : []}
        reapplyLabel={t('conflict.reapplyReport')}
        discardLabel={t('conflict.discardReport')}
        onReapply={reapply}
        onDiscard={discard}
        onClose={() => setDialogOpen(false)}
      />
    </div>
  );
}
