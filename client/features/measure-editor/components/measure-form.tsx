import { useRef, useState } from 'react';
import type { ChangeEvent, FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, FormField, FormFieldset } from '../../../components/form-field';
import type { FieldErrorItem } from '../../../components/form-field';
import { nameOf, useLanguage, useMeta } from '../../../lib/meta';
import { EARLIEST_DATE, LATEST_DATE } from '../../../../common/limits';
import { DRAFT_FIELDS, validateDraft } from '../measure-draft';
import type { DraftErrors, DraftField, DraftMilestone, FormMode, MeasureDraft } from '../measure-draft';

// The one form of a measure's own fields (docs/decisions/023): registering a measure (with its lead
// ministry, pillar and first milestones) and editing one (everything PATCH takes). Problems show beside
// a field once it has been left, all of them after a submit, and the server's until the field changes.

/** The draft's fields that hold one string (every field but the lists and the milestones). */
type TextField = Exclude<keyof MeasureDraft, 'fields' | 'coMinistries' | 'instruments' | 'milestones'>;

const idOf = (field: DraftField) => `measure-${field.replaceAll('.', '-')}`;

export interface MeasureFormProps {
  mode: FormMode;
  initial: MeasureDraft;
  /** The lead ministry is fixed (a ministry lead registers for their own ministry). */
  leadMinistryFixed: boolean;
  isPending: boolean;
  /** The server's field problems of the last submit. */
  serverErrors: DraftErrors;
  onClearServerError: (field: DraftField) => void;
  onSubmit: (draft: MeasureDraft) => void;
  /** Above the buttons: the write's own problem, a note. */
  children?: ReactNode;
  submitLabel: string;
}

export function MeasureForm(props: MeasureFormProps) {
  const { mode, initial, leadMinistryFixed, isPending, serverErrors, onClearServerError, onSubmit, submitLabel } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const meta = useMeta().data;
  const [draft, setDraft] = useState<MeasureDraft>(initial);
  const [touched, setTouched] = useState<Partial<Record<DraftField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [nextKey, setNextKey] = useState(1);
  const summaryRef = useRef<HTMLDivElement>(null);

  const errors: DraftErrors = { ...validateDraft(draft, mode, t), ...serverErrors };
  const errorFor = (field: DraftField) => serverErrors[field] ?? (submitted || touched[field] ? errors[field] : undefined);
  const milestoneFields = draft.milestones.flatMap((_, i) =>
    (['titleJa', 'titleEn', 'dueDate', 'weight'] as const).map((k): DraftField => `milestones.${i}.${k}`),
  );
  const summary: FieldErrorItem[] = submitted
    ? [...DRAFT_FIELDS, ...milestoneFields].flatMap((field) => {
        const message = errors[field];
        // Named in the summary: two fields may have the same problem ("enter a title").
        return message ? [{ fieldId: idOf(field), message: `${labelOf(field)}: ${message}` }] : [];
      })
    : [];

  function labelOf(field: DraftField): string {
    const row = /^milestones\.(\d+)\.(\w+)$/.exec(field);
    if (row) {
      const part = row[2] === 'dueDate' || row[2] === 'weight' ? t(`milestones.${row[2]}`) : t(`measureEditor.${row[2] ?? ''}`);
      return `${t('measureEditor.milestoneN', { n: Number(row[1]) + 1 })} ${part}`;
    }
    return t(`measureEditor.${field === 'fields' ? 'primaryField' : field}`);
  }

  const update = (field: DraftField, change: (d: MeasureDraft) => MeasureDraft) => {
    setDraft(change);
    if (serverErrors[field]) onClearServerError(field);
  };
  const text = (field: Exclude<DraftField, `milestones.${string}`>, value: string) =>
    update(field, (d) => ({ ...d, [field]: value }));
  const touch = (field: DraftField) => setTouched((x) => ({ ...x, [field]: true }));
  const toggle = (field: 'coMinistries' | 'instruments', code: string, on: boolean) =>
    update(field, (d) => ({ ...d, [field]: on ? [...d[field], code] : d[field].filter((c) => c !== code) }));
  const primary = draft.fields[0] ?? '';
  const setPrimary = (code: string) =>
    update('fields', (d) => ({
      ...d,
      fields: code ? [code, ...d.fields.slice(1).filter((c) => c !== code)] : d.fields.slice(1),
    }));
  const toggleOtherField = (code: string, on: boolean) =>
    update('fields', (d) => {
      const [first = '', ...rest] = d.fields;
      const others = on ? [...rest, code] : rest.filter((c) => c !== code);
      return { ...d, fields: first ? [first, ...others] : others };
    });
  const setMilestone = (index: number, key: keyof Omit<DraftMilestone, 'key'>, value: string) =>
    update(`milestones.${index}.${key}`, (d) => ({
      ...d,
      milestones: d.milestones.map((m, i) => (i === index ? { ...m, [key]: value } : m)),
    }));
  const addMilestone = () => {
    setDraft((d) => ({
      ...d,
      milestones: [...d.milestones, { key: nextKey, titleJa: '', titleEn: '', dueDate: '', weight: '1' }],
    }));
    setNextKey((k) => k + 1);
  };
  const removeMilestone = (index: number) => setDraft((d) => ({ ...d, milestones: d.milestones.filter((_, i) => i !== index) }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateDraft(draft, mode, t)).length > 0) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    onSubmit(draft);
  };

  const options = (kind: 'ministries' | 'pillars' | 'fields' | 'instruments') => meta?.[kind] ?? [];
  /** A text control's value and handlers, for the fields that hold one string. */
  const bind = (field: TextField) => ({
    value: draft[field],
    onBlur: () => touch(field),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => text(field, e.target.value),
  });

  return (
    <form className="stacked-form measure-form" onSubmit={submit} noValidate aria-busy={isPending}>
      <ErrorSummary errors={summary} ref={summaryRef} />
      <h2>{t('measureEditor.sections.basics')}</h2>
      {(['titleJa', 'titleEn'] as const).map((field) => (
        <FormField key={field} id={idOf(field)} label={t(`measureEditor.${field}`)} error={errorFor(field)}>
          {(control) => <input {...control} type="text" lang={field === 'titleJa' ? 'ja' : 'en'} {...bind(field)} />}
        </FormField>
      ))}
      {mode === 'create' && (
        <div className="form-row">
          <FormField
            id={idOf('leadMinistry')}
            label={t('measureEditor.leadMinistry')}
            hint={leadMinistryFixed ? t('measureEditor.leadMinistryFixed') : undefined}
            error={errorFor('leadMinistry')}
          >
            {(control) => (
              <select {...control} {...bind('leadMinistry')} disabled={leadMinistryFixed}>
                <option value="">{t('measureEditor.choose')}</option>
                {options('ministries').map((m) => (
                  <option key={m.code} value={m.code}>
                    {nameOf(m, language)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={idOf('pillar')} label={t('measureEditor.pillar')} error={errorFor('pillar')}>
            {(control) => (
              <select {...control} {...bind('pillar')}>
                <option value="">{t('measureEditor.choose')}</option>
                {options('pillars').map((p) => (
                  <option key={p.code} value={p.code}>
                    {nameOf(p, language)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
      )}

      <h2>{t('measureEditor.sections.classification')}</h2>
      <FormField
        id={idOf('fields')}
        label={t('measureEditor.primaryField')}
        hint={t('measureEditor.fieldsHint')}
        error={errorFor('fields')}
      >
        {(control) => (
          <select {...control} value={primary} onBlur={() => touch('fields')} onChange={(e) => setPrimary(e.target.value)}>
            <option value="">{t('measureEditor.choose')}</option>
            {options('fields').map((f) => (
              <option key={f.code} value={f.code}>
                {nameOf(f, language)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormFieldset id={`${idOf('fields')}-others`} legend={t('measureEditor.otherFields')} className="choice-grid">
        {options('fields')
          .filter((f) => f.code !== primary)
          .map((f) => (
            <label key={f.code} className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.fields.slice(1).includes(f.code)}
                onChange={(e) => toggleOtherField(f.code, e.target.checked)}
              />{' '}
              {nameOf(f, language)}
            </label>
          ))}
      </FormFieldset>
      <FormFieldset
        id={idOf('instruments')}
        legend={t('measureEditor.instruments')}
        error={errorFor('instruments')}
        className="choice-grid"
      >
        {options('instruments').map((x, i) => (
          <label key={x.code} className="checkbox-label">
            <input
              type="checkbox"
              id={i === 0 ? idOf('instruments') : undefined}
              checked={draft.instruments.includes(x.code)}
              onBlur={() => touch('instruments')}
              onChange={(e) => toggle('instruments', x.code, e.target.checked)}
            />{' '}
            {nameOf(x, language)}
          </label>
        ))}
      </FormFieldset>
      <FormFieldset
        id={idOf('coMinistries')}
        legend={t('measureEditor.coMinistries')}
        error={errorFor('coMinistries')}
        className="choice-grid"
      >
        {options('ministries')
          .filter((m) => m.code !== draft.leadMinistry)
          .map((m, i) => (
            <label key={m.code} className="checkbox-label">
              <input
                type="checkbox"
                id={i === 0 ? idOf('coMinistries') : undefined}
                checked={draft.coMinistries.includes(m.code)}
                onChange={(e) => toggle('coMinistries', m.code, e.target.checked)}
              />{' '}
              {nameOf(m, language)}
            </label>
          ))}
      </FormFieldset>

      <h2>{t('measureEditor.sections.content')}</h2>
      {(['summaryJa', 'summaryEn', 'kpiJa', 'kpiEn'] as const).map((field) => (
        <FormField key={field} id={idOf(field)} label={optional(t(`measureEditor.${field}`), t)} error={errorFor(field)}>
          {(control) => <textarea {...control} rows={3} lang={field.endsWith('Ja') ? 'ja' : 'en'} {...bind(field)} />}
        </FormField>
      ))}
      <FormField id={idOf('ownerName')} label={optional(t('measureEditor.ownerName'), t)} error={errorFor('ownerName')}>
        {(control) => <input {...control} type="text" {...bind('ownerName')} />}
      </FormField>

      <h2>{t('measureEditor.sections.schedule')}</h2>
      <div className="form-row">
        {(['startDate', 'targetDate'] as const).map((field) => (
          <FormField key={field} id={idOf(field)} label={optional(t(`measureEditor.${field}`), t)} error={errorFor(field)}>
            {(control) => <input {...control} type="date" min={EARLIEST_DATE} max={LATEST_DATE} {...bind(field)} />}
          </FormField>
        ))}
      </div>
      <div className="form-row">
        <FormField
          id={idOf('budgetYen')}
          label={optional(t('measureEditor.budgetYen'), t)}
          hint={t('measureEditor.budgetHint')}
          error={errorFor('budgetYen')}
        >
          {(control) => <input {...control} type="number" inputMode="numeric" min="0" step="1" {...bind('budgetYen')} />}
        </FormField>
        <FormField
          id={idOf('budgetFiscalYear')}
          label={optional(t('measureEditor.budgetFiscalYear'), t)}
          error={errorFor('budgetFiscalYear')}
        >
          {(control) => <input {...control} type="number" inputMode="numeric" step="1" {...bind('budgetFiscalYear')} />}
        </FormField>
      </div>

      {mode === 'create' && (
        <section aria-labelledby="measure-milestones-heading">
          <h2 id="measure-milestones-heading">{t('measureEditor.sections.milestones')}</h2>
          <p className="field-hint">{t('measureEditor.milestonesHint')}</p>
          {draft.milestones.map((m, i) => (
            <fieldset key={m.key} className="milestone-row" data-testid="new-milestone">
              <legend>{t('measureEditor.milestoneN', { n: i + 1 })}</legend>
              <div className="form-row">
                {(['titleJa', 'titleEn'] as const).map((key) => (
                  <FormField
                    key={key}
                    id={idOf(`milestones.${i}.${key}`)}
                    label={t(`measureEditor.${key}`)}
                    error={errorFor(`milestones.${i}.${key}`)}
                  >
                    {(control) => (
                      <input
                        {...control}
                        type="text"
                        lang={key === 'titleJa' ? 'ja' : 'en'}
                        value={m[key]}
                        onBlur={() => touch(`milestones.${i}.${key}`)}
                        onChange={(e) => setMilestone(i, key, e.target.value)}
                      />
                    )}
                  </FormField>
                ))}
              </div>
              <div className="form-row">
                <FormField
                  id={idOf(`milestones.${i}.dueDate`)}
                  label={t('milestones.dueDate')}
                  error={errorFor(`milestones.${i}.dueDate`)}
                >
                  {(control) => (
                    <input
                      {...control}
                      type="date"
                      min={EARLIEST_DATE}
                      max={LATEST_DATE}
                      value={m.dueDate}
                      onBlur={() => touch(`milestones.${i}.dueDate`)}
                      onChange={(e) => setMilestone(i, 'dueDate', e.target.value)}
                    />
                  )}
                </FormField>
                <FormField
                  id={idOf(`milestones.${i}.weight`)}
                  label={t('milestones.weight')}
                  error={errorFor(`milestones.${i}.weight`)}
                >
                  {(control) => (
                    <input
                      {...control}
                      type="number"
                      inputMode="decimal"
                      min="0"
                      max="100"
                      step="any"
                      value={m.weight}
                      onBlur={() => touch(`milestones.${i}.weight`)}
                      onChange={(e) => setMilestone(i, 'weight', e.target.value)}
                    />
                  )}
                </FormField>
              </div>
              <button type="button" className="secondary" onClick={() => removeMilestone(i)}>
                {t('measureEditor.removeMilestone', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button type="button" className="secondary" onClick={addMilestone}>
            {t('measureEditor.addMilestone')}
          </button>
        </section>
      )}

      {props.children}
      <div className="form-actions">
        <button type="submit" disabled={isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function optional(label: string, t: (key: string) => string): ReactNode {
  return (
    <>
      {label} <span className="muted">（{t('common.optional')}）</span>
    </>
  );
}
