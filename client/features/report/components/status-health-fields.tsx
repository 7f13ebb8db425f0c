import { useTranslation } from 'react-i18next';
import { HealthBadge } from '../../../components/badges';
import { FormField, FormFieldset } from '../../../components/form-field';
import { nameOf, useLanguage, useMeta } from '../../../lib/meta';
import { REPORTED_HEALTH_CODES, STATUS_CODES } from '../../../../common/taxonomy';
import type { ReportDraft } from '../use-report-draft';

/** The measure's status (a select) and the lead's judgement of its health (radio buttons). */
export function StatusHealthFields({ draft }: { draft: ReportDraft }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const statuses = meta?.statuses ?? [];
  // A lead reports one of the reported healths; "stale" is the system's own verdict.
  const healths = (meta?.healths ?? []).flatMap((h) => {
    const code = REPORTED_HEALTH_CODES.find((c) => c === h.code);
    return code ? [{ ...h, code }] : [];
  });
  const { values, update, touch } = draft;

  return (
    <>
      <FormField id="report-status" label={t('report.status')} error={draft.errorFor('status')}>
        {(control) => (
          <select
            {...control}
            name="status"
            value={values.status}
            onChange={(e) => {
              const status = STATUS_CODES.find((c) => c === e.target.value);
              if (status) update({ status }, ['status']);
            }}
            onBlur={() => touch('status')}
          >
            {statuses.map((s) => (
              <option key={s.code} value={s.code}>
                {nameOf(s, language)}
              </option>
            ))}
          </select>
        )}
      </FormField>

      <FormFieldset id="report-health" legend={t('report.health')} hint={t('report.healthHelp')} error={draft.errorFor('health')}>
        <div className="radio-row">
          {healths.map((h) => (
            <label key={h.code} className="radio-label">
              <input
                type="radio"
                id={`report-health-${h.code}`}
                name="health"
                value={h.code}
                checked={values.health === h.code}
                onChange={() => update({ health: h.code }, ['health'])}
                onBlur={() => touch('health')}
              />
              <HealthBadge health={h.code} />
            </label>
          ))}
        </div>
      </FormFieldset>
    </>
  );
}
