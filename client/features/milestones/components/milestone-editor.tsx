import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConflictDialog } from '../../../components/conflict-dialog';
import type { ConflictRow } from '../../../components/conflict-dialog';
import { ErrorSummary, FieldError, FieldHint, describedBy } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { Language } from '../../../lib/i18n';
import { createMilestone, invalidateAfterWrite, updateMilestone } from '../../../lib/measure-writes';
import type { EditableMeasure, MeasureDetail, WriteOutcome } from '../../../lib/measure-writes';
import { useLanguage } from '../../../lib/meta';
import { daysBetween } from '../../../../common/calendar';
import { EARLIEST_DATE, LATEST_DATE, MAX_TITLE_LENGTH, isPlanDateInRange, isValidWeight } from '../../../../common/limits';

// Add a milestone or reschedule one, each with If-Match on the measure's ETag; a reschedule keeps
// the baseline, so the slip shows (the server keeps baseline_due_date; the table shows both).

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Milestone = MeasureDetail['milestoneList'][number];

interface NewMilestone {
  titleJa: string;
  titleEn: string;
  dueDate: string;
  weight: string;
}

const EMPTY_NEW: NewMilestone = { titleJa: '', titleEn: '', dueDate: '', weight: '1' };

type Pending = { kind: 'add'; values: NewMilestone } | { kind: 'reschedule'; milestoneId: number; dueDate: string };

function dueDateError(value: string, t: Translate): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('milestones.errors.dueRequired');
  if (!isPlanDateInRange(value)) return t('milestones.errors.dueRange');
  return undefined;
}

function validateNew(values: NewMilestone, t: Translate): Partial<Record<keyof NewMilestone, string>> {
  const errors: Partial<Record<keyof NewMilestone, string>> = {};
  for (const key of ['titleJa', 'titleEn'] as const) {
    const v = values[key].trim();
    if (!v) errors[key] = t('milestones.errors.titleRequired');
    else if (v.length > MAX_TITLE_LENGTH) errors[key] = t('milestones.errors.titleTooLong', { max: MAX_TITLE_LENGTH });
  }
  const due = dueDateError(values.dueDate, t);
  if (due) errors.dueDate = due;
  const weight = Number(values.weight);
  if (values.weight.trim() === '' || !isValidWeight(weight)) errors.weight = t('milestones.errors.weightRange');
  return errors;
}

export function MilestoneEditor({ initial }: { initial: EditableMeasure }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<EditableMeasure>(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [newDue, setNewDue] = useState('');
  const [rescheduleTried, setRescheduleTried] = useState(false);
  const [rescheduleServerError, setRescheduleServerError] = useState<string | undefined>();
  const [draft, setDraft] = useState<NewMilestone>(EMPTY_NEW);
  const [addTried, setAddTried] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<keyof NewMilestone, boolean>>>({});
  const [addServerErrors, setAddServerErrors] = useState<Partial<Record<keyof NewMilestone, string>>>({});
  const [conflict, setConflict] = useState<{ current: MeasureDetail; etag: string; pending: Pending } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const measure = base.measure;
  const code = measure.code;
  const title = (m: { titleJa: string; titleEn: string }) => (language === 'en' ? m.titleEn : m.titleJa);

  useEffect(() => {
    if (notice || problem) noticeRef.current?.focus();
  }, [notice, problem]);

  const mutation = useMutation({
    mutationFn: ({ pending, etag }: { pending: Pending; etag: string }): Promise<WriteOutcome> =>
      pending.kind === 'add'
        ? createMilestone(code, etag, {
            titleJa: pending.values.titleJa.trim(),
            titleEn: pending.values.titleEn.trim(),
            dueDate: pending.values.dueDate,
            weight: Number(pending.values.weight),
          })
        : updateMilestone(code, pending.milestoneId, etag, { dueDate: pending.dueDate }),
  });

  const send = (pending: Pending, etag: string) => {
    setProblem(null);
    setNotice(null);
    mutation.mutate(
      { pending, etag },
      {
        onSuccess: async (outcome) => {
          if (outcome.kind === 'conflict') {
            setConflict({ current: outcome.current, etag: outcome.etag, pending });
            return;
          }
          setBase({ measure: outcome.measure, etag: outcome.etag });
          if (pending.kind === 'add') {
            setNotice(t('milestones.added', { title: language === 'en' ? pending.values.titleEn : pending.values.titleJa }));
            setDraft(EMPTY_NEW);
            setAddTried(false);
            setTouched({});
          } else {
            const m = outcome.measure.milestoneList.find((x) => x.id === pending.milestoneId);
            setNotice(
              t('milestones.updated', {
                title: m ? title(m) : String(pending.milestoneId),
                date: formatDate(pending.dueDate, language),
              }),
            );
            setEditing(null);
          }
          await invalidateAfterWrite(queryClient);
        },
        onError: (error) => {
          if (error instanceof ApiRequestError && error.status === 400 && error.issues.length > 0) {
            if (pending.kind === 'add') {
              const errors: Partial<Record<keyof NewMilestone, string>> = {};
              for (const issue of error.issues) {
                const key = issue.path[0];
                if (key === 'titleJa' || key === 'titleEn' || key === 'dueDate' || key === 'weight')
                  errors[key] = t('form.server', { message: issue.message });
              }
              if (Object.keys(errors).length > 0) {
                setAddServerErrors(errors);
                return;
              }
            } else {
              setRescheduleServerError(t('form.server', { message: error.issues.map((i) => i.message).join(' ') }));
              return;
            }
          }
          if (error instanceof ApiRequestError && error.status === 403)
            setProblem(t('report.forbiddenServer', { message: error.message }));
          else if (error instanceof ApiRequestError && error.status === 401) setProblem(t('auth.sessionExpired'));
          else setProblem(t('report.failed', { message: error.message }));
        },
      },
    );
  };

  // ── Add ──
  const addErrors = { ...validateNew(draft, t), ...addServerErrors };
  const addErrorFor = (key: keyof NewMilestone) =>
    addServerErrors[key] ?? (addTried || touched[key] ? addErrors[key] : undefined);
  const addSummary: FieldErrorItem[] = addTried
    ? (['titleJa', 'titleEn', 'dueDate', 'weight'] as const).flatMap((key) => {
        const message = addErrors[key];
        return message ? [{ fieldId: `ms-new-${key}`, message }] : [];
      })
    : [];
  const setDraftField = (key: keyof NewMilestone, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (addServerErrors[key]) setAddServerErrors((e) => ({ ...e, [key]: undefined }));
  };
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAddTried(true);
    setAddServerErrors({});
    if (Object.keys(validateNew(draft, t)).length > 0) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    send({ kind: 'add', values: draft }, base.etag);
  };

  // ── Reschedule ──
  const editingMilestone = measure.milestoneList.find((m) => m.id === editing) ?? null;
  const rescheduleError =
    rescheduleServerError ??
    (rescheduleTried && editingMilestone
      ? (dueDateError(newDue, t) ?? (newDue === editingMilestone.dueDate ? t('milestones.errors.noChange') : undefined))
      : undefined);
  const startReschedule = (m: Milestone) => {
    setEditing(m.id);
    setNewDue(m.dueDate);
    setRescheduleTried(false);
    setRescheduleServerError(undefined);
  };
  const onReschedule = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!editingMilestone) return;
    setRescheduleTried(true);
    setRescheduleServerError(undefined);
    if (dueDateError(newDue, t) || newDue === editingMilestone.dueDate) return;
    send({ kind: 'reschedule', milestoneId: editingMilestone.id, dueDate: newDue }, base.etag);
  };

  // ── Conflict ──
  const reapply = () => {
    if (!conflict) return;
    setBase({ measure: conflict.current, etag: conflict.etag });
    setConflict(null);
    setNotice(t('milestones.reapplied', { version: conflict.current.version }));
  };
  const discard = () => {
    if (!conflict) return;
    setBase({ measure: conflict.current, etag: conflict.etag });
    if (conflict.pending.kind === 'add') {
      setDraft(EMPTY_NEW);
      setAddTried(false);
      setTouched({});
    } else {
      setEditing(null);
    }
    setConflict(null);
    setNotice(t('milestones.discarded'));
    void invalidateAfterWrite(queryClient);
  };

  return (
    <div className="milestones-page">
      <p className="muted">
        <Link to="/measures">{t('nav.measures')}</Link> / <Link to={`/measures/${code}`}>{code}</Link> / {t('milestones.title')}
      </p>
      <h1>{t('milestones.heading', { code })}</h1>
      <p className="lead-title">{title(measure)}</p>
      <p>{t('milestones.intro')}</p>
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
          {problem ?? notice}
        </div>
      )}

      <section aria-labelledby="ms-list-heading">
        <h2 id="ms-list-heading">{t('milestones.listCaption')}</h2>
        {measure.milestoneList.length === 0 ? (
          <p className="muted">{t('milestones.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="milestone-table">
              <caption className="visually-hidden">{t('milestones.listCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('milestones.columns.title')}</th>
                  <th scope="col">{t('milestones.columns.baseline')}</th>
                  <th scope="col">{t('milestones.columns.due')}</th>
                  <th scope="col" className="num">
                    {t('milestones.columns.weight')}
                  </th>
                  <th scope="col">{t('milestones.columns.state')}</th>
                  <th scope="col">{t('milestones.columns.action')}</th>
                </tr>
              </thead>
              <tbody>
                {measure.milestoneList.map((m) => (
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
                    <td>
                      {m.completedDate === null && (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t('milestones.rescheduleLabel', { title: title(m) })}
                          aria-expanded={editing === m.id}
                          aria-controls="ms-reschedule"
                          onClick={() => (editing === m.id ? setEditing(null) : startReschedule(m))}
                        >
                          {t('milestones.reschedule')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {editingMilestone && (
        <section className="panel ms-reschedule" id="ms-reschedule" aria-labelledby="ms-reschedule-heading">
          <h2 id="ms-reschedule-heading">{t('milestones.rescheduleHeading', { title: title(editingMilestone) })}</h2>
          <form className="stacked-form" onSubmit={onReschedule} noValidate>
            <dl className="facts">
              <dt>{t('milestones.columns.baseline')}</dt>
              <dd>{formatDate(editingMilestone.baselineDueDate, language)}</dd>
              <dt>{t('milestones.columns.due')}</dt>
              <dd>{formatDate(editingMilestone.dueDate, language)}</dd>
            </dl>
            <div className={rescheduleError ? 'form-field has-error' : 'form-field'}>
              <label htmlFor="ms-new-due">{t('milestones.newDue')}</label>
              <FieldError id="ms-new-due-error" message={rescheduleError} />
              <input
                id="ms-new-due"
                type="date"
                value={newDue}
                min={EARLIEST_DATE}
                max={LATEST_DATE}
                aria-invalid={rescheduleError ? true : undefined}
                aria-describedby={describedBy('ms-new-due-compare', rescheduleError && 'ms-new-due-error')}
                onChange={(e) => {
                  setNewDue(e.target.value);
                  setRescheduleServerError(undefined);
                }}
              />
              <p id="ms-new-due-compare" className="field-hint" aria-live="polite" data-testid="baseline-vs-new">
                {/^\d{4}-\d{2}-\d{2}$/.test(newDue) &&
                  t('milestones.baselineVsNew', {
                    baseline: formatDate(editingMilestone.baselineDueDate, language),
                    next: formatDate(newDue, language),
                    count: daysBetween(editingMilestone.baselineDueDate, newDue),
                  })}
              </p>
            </div>
            <div className="form-actions">
              <button type="submit" disabled={mutation.isPending}>
                {mutation.isPending ? t('milestones.saving') : t('milestones.save')}
              </button>
              <button type="button" className="secondary" onClick={() => setEditing(null)}>
                {t('milestones.cancel')}
              </button>
            </div>
          </form>
        </section>
      )}

      <section className="panel ms-add" aria-labelledby="ms-add-heading">
        <h2 id="ms-add-heading">{t('milestones.add')}</h2>
        <ErrorSummary errors={addSummary} ref={summaryRef} />
        <form className="stacked-form" onSubmit={onAdd} noValidate>
          {(['titleJa', 'titleEn'] as const).map((key) => {
            const error = addErrorFor(key);
            return (
              <div key={key} className={error ? 'form-field has-error' : 'form-field'}>
                <label htmlFor={`ms-new-${key}`}>{t(`milestones.${key}`)}</label>
                <FieldError id={`ms-new-${key}-error`} message={error} />
                <input
                  id={`ms-new-${key}`}
                  type="text"
                  lang={key === 'titleJa' ? 'ja' : 'en'}
                  value={draft[key]}
                  maxLength={MAX_TITLE_LENGTH + 50}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(error && `ms-new-${key}-error`)}
                  onChange={(e) => setDraftField(key, e.target.value)}
                  onBlur={() => setTouched((x) => ({ ...x, [key]: true }))}
                />
              </div>
            );
          })}
          <div className="form-row">
            <div className={addErrorFor('dueDate') ? 'form-field has-error' : 'form-field'}>
              <label htmlFor="ms-new-dueDate">{t('milestones.dueDate')}</label>
              <FieldError id="ms-new-dueDate-error" message={addErrorFor('dueDate')} />
              <input
                id="ms-new-dueDate"
                type="date"
                value={draft.dueDate}
                min={EARLIEST_DATE}
                max={LATEST_DATE}
                aria-invalid={addErrorFor('dueDate') ? true : undefined}
                aria-describedby={describedBy(addErrorFor('dueDate') && 'ms-new-dueDate-error')}
                onChange={(e) => setDraftField('dueDate', e.target.value)}
                onBlur={() => setTouched((x) => ({ ...x, dueDate: true }))}
              />
            </div>
            <div className={addErrorFor('weight') ? 'form-field has-error' : 'form-field'}>
              <label htmlFor="ms-new-weight">{t('milestones.weight')}</label>
              <FieldHint id="ms-new-weight-hint">{t('milestones.weightHelp')}</FieldHint>
              <FieldError id="ms-new-weight-error" message={addErrorFor('weight')} />
              <input
                id="ms-new-weight"
                type="number"
                inputMode="decimal"
                min="0"
                max="100"
                step="any"
                value={draft.weight}
                aria-invalid={addErrorFor('weight') ? true : undefined}
                aria-describedby={describedBy('ms-new-weight-hint', addErrorFor('weight') && 'ms-new-weight-error')}
                onChange={(e) => setDraftField('weight', e.target.value)}
                onBlur={() => setTouched((x) => ({ ...x, weight: true }))}
              />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={mutation.isPending}>
              {t('milestones.addSubmit')}
            </button>
          </div>
        </form>
      </section>

      <ConflictDialog
        open={conflict !== null}
        description={t('conflict.milestoneDescription')}
        changedBy={
          conflict
            ? t('conflict.changedBy', {
                version: conflict.current.version,
                when: formatDateTime(conflict.current.updatedAt, language),
              })
            : null
        }
        rows={conflict ? milestoneConflictRows(measure, conflict.current, conflict.pending, language, t) : []}
        reapplyLabel={t('conflict.reapplyMilestone')}
        discardLabel={t('conflict.discardMilestone')}
        onReapply={reapply}
        onDiscard={discard}
        onClose={() => setConflict(null)}
      />
    </div>
  );
}

function milestoneConflictRows(
  base: MeasureDetail,
  current: MeasureDetail,
  pending: Pending,
  language: Language,
  t: Translate,
): ConflictRow[] {
  const title = (m: { titleJa: string; titleEn: string }) => (language === 'en' ? m.titleEn : m.titleJa);
  const version: ConflictRow = {
    key: 'version',
    label: t('conflict.version'),
    mine: t('report.version', { version: base.version }),
    current: t('report.version', { version: current.version }),
    differs: base.version !== current.version,
  };
  const listOf = (m: MeasureDetail) => (
    <ul className="plain-list">
      {m.milestoneList.map((x) => (
        <li key={x.id}>
          {title(x)} — {formatDate(x.dueDate, language)}
          {x.completedDate && ` ✔`}
        </li>
      ))}
    </ul>
  );
  if (pending.kind === 'add') {
    const v = pending.values;
    return [
      version,
      {
        key: 'new',
        label: t('milestones.add'),
        mine: `${language === 'en' ? v.titleEn : v.titleJa} — ${formatDate(v.dueDate, language)} (${t('milestones.weight')} ${v.weight})`,
        current: t('conflict.newMilestone'),
        differs: true,
      },
      {
        key: 'list',
        label: t('conflict.milestoneList'),
        mine: listOf(base),
        current: listOf(current),
        differs: base.milestoneList.length !== current.milestoneList.length,
      },
    ];
  }
  const before = base.milestoneList.find((m) => m.id === pending.milestoneId);
  const now = current.milestoneList.find((m) => m.id === pending.milestoneId);
  return [
    version,
    {
      key: 'title',
      label: t('milestones.columns.title'),
      mine: before ? title(before) : '—',
      current: now ? title(now) : t('conflict.missing'),
      differs: !now || (before !== undefined && title(before) !== title(now)),
    },
    {
      key: 'baseline',
      label: t('milestones.columns.baseline'),
      mine: formatDate(before?.baselineDueDate, language),
      current: formatDate(now?.baselineDueDate, language),
    },
    {
      key: 'due',
      label: t('milestones.columns.due'),
      mine: formatDate(pending.dueDate, language),
      current: formatDate(now?.dueDate, language),
      differs: pending.dueDate !== now?.dueDate,
    },
    {
      key: 'state',
      label: t('milestones.columns.state'),
      mine: before?.completedDate
        ? t('milestones.completed', { date: formatDate(before.completedDate, language) })
        : t('milestones.pending'),
      current: now?.completedDate
        ? t('milestones.completed', { date: formatDate(now.completedDate, language) })
        : t('milestones.pending'),
      differs: before?.completedDate !== now?.completedDate,
    },
  ];
}
