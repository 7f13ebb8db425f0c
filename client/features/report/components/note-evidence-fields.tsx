import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/form-field';
import { formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import { MAX_NOTE_LENGTH, MAX_URL_LENGTH } from '../../../../common/limits';
import type { ReportDraft } from '../use-report-draft';

/** The progress note (required, with a running character count) and a link to evidence (optional). */
export function NoteEvidenceFields({ draft }: { draft: ReportDraft }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { values, update, touch } = draft;

  return (
    <>
      <FormField
        id="report-note"
        label={
          <>
            {t('report.note')} <span className="muted">（{t('common.required')}）</span>
          </>
        }
        hint={t('report.noteHelp', { max: formatNumber(MAX_NOTE_LENGTH, language) })}
        error={draft.errorFor('note')}
        describedBy={{ afterError: 'report-note-count' }}
      >
        {(control) => (
          <>
            <textarea
              {...control}
              name="note"
              rows={6}
              value={values.note}
              aria-required="true"
              onChange={(e) => update({ note: e.target.value }, ['note'])}
              onBlur={() => touch('note')}
            />
            <p id="report-note-count" className={values.note.length > MAX_NOTE_LENGTH ? 'char-count over' : 'char-count'}>
              {t('report.charCount', {
                count: formatNumber(values.note.length, language),
                max: formatNumber(MAX_NOTE_LENGTH, language),
              })}
            </p>
          </>
        )}
      </FormField>

      <FormField
        id="report-evidenceUrl"
        label={
          <>
            {t('report.evidenceUrl')} <span className="muted">（{t('common.optional')}）</span>
          </>
        }
        hint={t('report.evidenceHelp')}
        error={draft.errorFor('evidenceUrl')}
      >
        {(control) => (
          <input
            {...control}
            name="evidenceUrl"
            type="url"
            inputMode="url"
            value={values.evidenceUrl}
            maxLength={MAX_URL_LENGTH + 100}
            placeholder="https://"
            onChange={(e) => update({ evidenceUrl: e.target.value }, ['evidenceUrl'])}
            onBlur={() => touch('evidenceUrl')}
          />
        )}
      </FormField>
    </>
  );
}
