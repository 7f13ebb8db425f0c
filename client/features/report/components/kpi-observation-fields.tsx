import { useTranslation } from 'react-i18next';
import type { KpiDto } from '../../../../server/schemas/follow-up';
import { FormField, FormFieldset } from '../../../components/form-field';
import { formatDate, formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { MAX_KPI_SOURCE_LENGTH, kpiFieldId } from '../kpi-observations';
import type { KpiObservationsDraft } from '../kpi-observations';

/** For each KPI of the measure: its latest value for reference, and an optional new value, as-of date and source. */
export function KpiObservationFields({ kpis, today, draft }: { kpis: KpiDto[]; today: string; draft: KpiObservationsDraft }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (kpis.length === 0) return null;
  return (
    <FormFieldset id="report-kpis" legend={t('followUpViews.kpiObservations')} hint={t('followUpViews.kpiObservationsHelp')}>
      {kpis.map((kpi) => {
        const name = language === 'en' ? kpi.nameEn : kpi.nameJa;
        // The legend names the KPI for sighted users; each label names it again for a screen reader's field list.
        const labelled = (text: string) => (
          <>
            {text}
            <span className="visually-hidden">{t('followUpViews.ofKpi', { name })}</span>
          </>
        );
        const entry = draft.entryOf(kpi.id);
        const latest = kpi.observations.at(-1);
        const field = (key: 'value' | 'observedOn' | 'source') => {
          const id = kpiFieldId(kpi.id, key);
          return {
            id,
            error: draft.errorFor(id),
            onBlur: () => draft.touch(id),
          };
        };
        const value = field('value');
        const date = field('observedOn');
        const source = field('source');
        return (
          <fieldset key={kpi.id} className="kpi-entry" data-kpi={kpi.id}>
            <legend>
              {name} <span className="muted">（{kpi.unit}）</span>
            </legend>
            <p className="muted small">
              {latest
                ? t('followUpViews.kpiLastValue', {
                    value: formatNumber(latest.value, language),
                    date: formatDate(latest.observedOn, language),
                    target: formatNumber(kpi.targetValue, language),
                    targetDate: formatDate(kpi.targetDate, language),
                  })
                : t('followUpViews.kpiNoValueYet', {
                    target: formatNumber(kpi.targetValue, language),
                    targetDate: formatDate(kpi.targetDate, language),
                  })}
            </p>
            <div className="form-row">
              <FormField id={value.id} label={labelled(t('followUpViews.kpiValue'))} error={value.error}>
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    inputMode="decimal"
                    value={entry.value}
                    onChange={(e) => draft.set(kpi.id, 'value', e.target.value)}
                    onBlur={value.onBlur}
                  />
                )}
              </FormField>
              <FormField id={date.id} label={labelled(t('followUpViews.kpiObservedOn'))} error={date.error}>
                {(control) => (
                  <input
                    {...control}
                    type="date"
                    max={today}
                    value={entry.observedOn}
                    onChange={(e) => draft.set(kpi.id, 'observedOn', e.target.value)}
                    onBlur={date.onBlur}
                  />
                )}
              </FormField>
              <FormField id={source.id} label={labelled(t('followUpViews.kpiSource'))} error={source.error}>
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    maxLength={MAX_KPI_SOURCE_LENGTH + 50}
                    value={entry.source}
                    onChange={(e) => draft.set(kpi.id, 'source', e.target.value)}
                    onBlur={source.onBlur}
                  />
                )}
              </FormField>
            </div>
          </fieldset>
        );
      })}
    </FormFieldset>
  );
}
