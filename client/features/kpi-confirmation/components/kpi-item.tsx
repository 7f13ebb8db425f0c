import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { KpiCategory, KpiQueueItem } from '../../../../server/schemas/follow-up';
import { FormField, FormFieldset } from '../../../components/form-field';
import { WriteProblemMessage } from '../../../components/write-problem';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate, formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { CATEGORIES, confirmCategory } from '../api/kpi-queries';

const MAX_REASON = 2000;

/** A category always carries its letter and its words, never colour alone. */
export function CategoryBadge({ category }: { category: KpiCategory }) {
  const { t } = useTranslation();
  return (
    <span className={`badge kpi-category kpi-category-${category}`} data-category={category}>
      <strong>{category}</strong> {t(`kpiCategories.${category}`)}
    </span>
  );
}

type Refusal = { kind: 'observationChanged' } | { kind: 'problem'; problem: WriteProblem };

function refusalOf(error: Error): Refusal {
  if (error instanceof ApiRequestError && error.status === 409 && error.code === 'kpi_observation_changed') {
    return { kind: 'observationChanged' };
  }
  const failure = writeFailureOf(error);
  return { kind: 'problem', problem: failure.kind === 'issues' ? { kind: 'failed', message: error.message } : failure };
}

/** One KPI: its baseline, target, latest observation, computed category and pacing; confirm or override. */
export function KpiItem({
  item,
  onConfirmed,
  onRefresh,
}: {
  item: KpiQueueItem;
  onConfirmed: (item: KpiQueueItem, category: KpiCategory) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { kpi, measure } = item;
  const [category, setCategory] = useState<KpiCategory>(kpi.computedCategory);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // The latest observation is the one judged: the server refuses the decision once a newer one is in.
  const latest = kpi.observations.at(-1);
  const mutation = useMutation({
    mutationFn: () => confirmCategory(kpi.id, { category, reason: reason.trim(), observationId: latest?.id ?? null }),
  });
  const id = `kpi-${kpi.id}`;
  const kpiName = language === 'en' ? kpi.nameEn : kpi.nameJa;
  const value = (n: number) => `${formatNumber(n, language)} ${kpi.unit}`.trim();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = reason.trim();
    const error =
      category !== kpi.computedCategory && !text
        ? t('kpiConfirm.reasonRequired')
        : text.length > MAX_REASON
          ? t('followUp.commentTooLong')
          : undefined;
    setReasonError(error);
    setRefusal(null);
    if (error) {
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    mutation.mutate(undefined, { onSuccess: () => onConfirmed(item, category), onError: (e) => setRefusal(refusalOf(e)) });
  };

  return (
    <article className="queue-item kpi-item" aria-labelledby={`${id}-title`} data-kpi={kpi.id}>
      <h2 id={`${id}-title`}>{t('kpiConfirm.itemTitle', { code: measure.code, name: kpiName })}</h2>
      <dl className="queue-facts">
        <dt>{t('followUp.measure')}</dt>
        <dd>
          <Link to={`/measures/${encodeURIComponent(measure.code)}`}>
            <code>{measure.code}</code> {language === 'en' ? measure.titleEn : measure.titleJa}
          </Link>
        </dd>
        <dt>{t('kpiConfirm.unit')}</dt>
        <dd>
          {kpi.unit} <span className="muted">{t(`kpiConfirm.direction.${kpi.direction}`)}</span>
        </dd>
        <dt>{t('kpiConfirm.baselineTarget')}</dt>
        <dd>
          {t('kpiConfirm.baselineTargetValue', {
            baseline: value(kpi.baselineValue),
            baselineDate: formatDate(kpi.baselineDate, language),
            target: value(kpi.targetValue),
            targetDate: formatDate(kpi.targetDate, language),
          })}
        </dd>
        <dt>{t('kpiConfirm.latest')}</dt>
        <dd data-testid="kpi-latest">
          {latest
            ? t('kpiConfirm.latestValue', {
                value: value(latest.value),
                date: formatDate(latest.observedOn, language),
                source: latest.source,
              })
            : t('kpiConfirm.noObservation')}
        </dd>
        <dt>{t('kpiConfirm.computed')}</dt>
        <dd data-testid="kpi-computed">
          <CategoryBadge category={kpi.computedCategory} />
        </dd>
        <dt>{t('kpiConfirm.shares')}</dt>
        <dd data-testid="kpi-shares">
          {kpi.achievedShare === null || kpi.elapsedShare === null
            ? '—'
            : t('kpiConfirm.sharesValue', {
                achieved: formatPercent(kpi.achievedShare, language),
                elapsed: formatPercent(kpi.elapsedShare, language),
              })}
        </dd>
      </dl>
      {refusal && (
        <div className="form-alert" role="alert" data-testid="kpi-refusal">
          {refusal.kind === 'observationChanged' ? (
            <>
              <p>{t('kpiConfirm.observationChanged')}</p>
              <button type="button" className="secondary" onClick={onRefresh}>
                {t('followUp.refresh')}
              </button>
            </>
          ) : (
            <WriteProblemMessage problem={refusal.problem} signInNext="/kpi-categories" />
          )}
        </div>
      )}
      <form className="stacked-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
        <FormFieldset id={`${id}-category`} legend={t('kpiConfirm.category')} className="category-choice">
          <div className="radio-row">
            {CATEGORIES.map((c) => (
              <label key={c} className="radio-label">
                <input type="radio" name={`${id}-category`} value={c} checked={category === c} onChange={() => setCategory(c)} />
                {t('kpiConfirm.categoryOption', { category: c, words: t(`kpiCategories.${c}`) })}
                {c === kpi.computedCategory && <span className="muted">{t('kpiConfirm.computedMark')}</span>}
              </label>
            ))}
          </div>
        </FormFieldset>
        <FormField id={`${id}-reason`} label={t('kpiConfirm.reason')} hint={t('kpiConfirm.reasonHint')} error={reasonError}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={reason}
              maxLength={MAX_REASON + 100}
              onChange={(e) => {
                setReason(e.target.value);
                if (reasonError) setReasonError(undefined);
              }}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={mutation.isPending}>
            {t('kpiConfirm.confirm')}
          </button>
        </div>
      </form>
    </article>
  );
}
