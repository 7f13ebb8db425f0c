import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../../components/filter-bar';
import { formatDate } from '../../../lib/format';
import { nameOf, offeredChoices, useLanguage, useMeta } from '../../../lib/meta';
import { useUrlFilters } from '../../../lib/use-url-filters';
import { MatrixSection } from './matrix-section';

/**
 * 分析 (docs/product.md §5): where the 多角的な総合支援策 has gaps — fields without support of a kind —
 * and which ministries work together, under the dashboard's filters and deadline (kept in the URL).
 */
export function AnalysisPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useUrlFilters();
  return (
    <div className="dashboard analysis">
      <div className="dashboard-head">
        <h1>{t('analysis.title')}</h1>
        <p className="muted">{t('analysis.intro')}</p>
      </div>
      <FilterBar filters={filters} onChange={(next) => setFilters({ ...next, deadline: filters.deadline })} />
      <AnalysisDeadline value={filters.deadline} onChange={(deadline) => setFilters({ ...filters, deadline })} />
      <MatrixSection
        pair={{ rows: 'field', cols: 'instrument' }}
        filters={filters}
        title={t('analysis.fieldInstrument')}
        description={t('analysis.fieldInstrumentHelp')}
        gaps
        testId="matrix-field-instrument"
      />
      <MatrixSection
        pair={{ rows: 'field', cols: 'pillar' }}
        filters={filters}
        title={t('analysis.fieldPillar')}
        description={t('analysis.fieldPillarHelp')}
        testId="matrix-field-pillar"
      />
      <MatrixSection
        pair={{ rows: 'ministry', cols: 'ministry' }}
        filters={filters}
        title={t('analysis.coOwnership')}
        description={t('analysis.coOwnershipHelp')}
        testId="matrix-co-ownership"
      />
    </div>
  );
}

/** The deadline progress is measured against: the one in the URL, else the API's default (next upcoming). */
function AnalysisDeadline({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const id = useId();
  const selected = value || meta?.defaultDeadline || '';
  // A retired deadline is not offered, unless an old link names it (decision 026).
  const deadlines = offeredChoices(meta?.deadlines ?? [], selected);
  return (
    <section className="deadline-bar" aria-labelledby={`${id}-label`}>
      <label className="deadline-select">
        <span id={`${id}-label`}>{t('analysis.deadline')}</span>
        <select value={selected} onChange={(e) => onChange(e.target.value)} disabled={deadlines.length === 0}>
          {deadlines.map((d) => (
            <option key={d.code} value={d.code}>
              {t('analysis.deadlineOption', { name: nameOf(d, language), date: formatDate(d.date, language) })}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
