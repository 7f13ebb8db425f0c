import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BASIS_VALUES, MULTI_FILTER_KEYS, WITHDRAWN_VALUES, countActiveFilters, emptyFilters } from '../lib/filters';
import type { Filters, MultiFilterKey } from '../lib/filters';
import { nameOf, useLanguage, useMeta } from '../lib/meta';
import type { TaxonomyKind } from '../lib/meta';

// The analyst's filter bar (docs/product.md §5), shared by the dashboard and the measure list. It only edits a
// Filters value; the pages keep that value in the URL.

const KIND_OF: Record<MultiFilterKey, TaxonomyKind> = {
  field: 'fields',
  ministry: 'ministries',
  partner: 'ministries',
  status: 'statuses',
  health: 'healths',
  pillar: 'pillars',
  instrument: 'instruments',
};

export function FilterBar({
  filters,
  onChange,
  showAsOf = true,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
  showAsOf?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const active = countActiveFilters(filters);

  return (
    <section className="filter-bar" aria-label={t('filters.title')}>
      <div className="filter-bar-row">
        {MULTI_FILTER_KEYS.map((key) => (
          <MultiSelect
            key={key}
            filterKey={key}
            values={filters[key]}
            onChange={(values) => onChange({ ...filters, [key]: values })}
          />
        ))}
      </div>
      <div className="filter-bar-row">
        <form
          className="filter-text"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            onChange({ ...filters, q: text });
          }}
        >
          <label>
            <span>{t('filters.q')}</span>
            <input
              type="search"
              name="q"
              value={text}
              maxLength={200}
              placeholder={t('filters.qPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              onBlur={() => text !== filters.q && onChange({ ...filters, q: text })}
            />
          </label>
        </form>
        {showAsOf && (
          <label className="filter-date" title={t('filters.asOfHelp')}>
            <span>{t('filters.asOf')}</span>
            <input
              type="date"
              name="asOf"
              value={filters.asOf}
              min="2020-01-01"
              onChange={(e) => onChange({ ...filters, asOf: e.target.value })}
            />
          </label>
        )}
        <BasisSelect filters={filters} onChange={onChange} />
        <label className="filter-withdrawn">
          <span>{t('withdrawal.filterLabel')}</span>
          <select
            name="withdrawn"
            value={filters.withdrawn}
            onChange={(e) => {
              const withdrawn = WITHDRAWN_VALUES.find((w) => w === e.target.value);
              if (withdrawn) onChange({ ...filters, withdrawn });
            }}
          >
            {WITHDRAWN_VALUES.map((w) => (
              <option key={w} value={w}>
                {t(`withdrawal.filter.${w}`)}
              </option>
            ))}
          </select>
        </label>
        {(active > 0 || filters.asOf) && (
          // The basis is how the figures are read, not a narrowing of the measures: clearing keeps it.
          <button type="button" className="secondary" onClick={() => onChange({ ...emptyFilters(), basis: filters.basis })}>
            {t('common.clearFilters')}
          </button>
        )}
        <span className="muted" aria-live="polite">
          {active > 0 ? t('filters.active', { count: active }) : ''}
        </span>
      </div>
    </section>
  );
}

/** 集計基準: figures on every report, on accepted reports, or on verified milestones too (docs/product.md §4). */
function BasisSelect({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <label className="filter-basis">
      <span>{t('filters.basis')}</span>
      <select
        name="basis"
        value={filters.basis}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          const basis = BASIS_VALUES.find((b) => b === e.target.value);
          if (basis) onChange({ ...filters, basis });
        }}
      >
        {BASIS_VALUES.map((b) => (
          <option key={b} value={b}>
            {t(`filters.basisValues.${b}`)}
          </option>
        ))}
      </select>
      <span id={`${id}-help`} className="visually-hidden">
        {t(`filters.basisHelp.${filters.basis}`)}
      </span>
    </label>
  );
}

function MultiSelect({
  filterKey,
  values,
  onChange,
}: {
  filterKey: MultiFilterKey;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const id = useId();
  const ref = useRef<HTMLDetailsElement>(null);
  const options = meta?.[KIND_OF[filterKey]] ?? [];
  const summary =
    values.length === 0
      ? t('filters.any')
      : values.length === 1
        ? nameOf(
            options.find((o) => o.code === values[0]) ?? {
              code: values[0] ?? '',
              nameJa: values[0] ?? '',
              nameEn: values[0] ?? '',
            },
            language,
          )
        : t('filters.selected', { count: values.length });

  // Close on Escape and when focus leaves, as a menu would.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && el.open) {
        el.open = false;
        el.querySelector('summary')?.focus();
      }
    };
    const onFocusOut = (e: FocusEvent) => {
      if (!el.contains(e.relatedTarget as Node | null)) el.open = false;
    };
    el.addEventListener('keydown', onKey);
    el.addEventListener('focusout', onFocusOut);
    return () => {
      el.removeEventListener('keydown', onKey);
      el.removeEventListener('focusout', onFocusOut);
    };
  }, []);

  return (
    <details className="multi-select" ref={ref} data-filter={filterKey}>
      <summary aria-describedby={`${id}-value`}>
        <span className="multi-select-label">{t(`filters.${filterKey}`)}</span>
        <span id={`${id}-value`} className={values.length > 0 ? 'multi-select-value active' : 'multi-select-value'}>
          {summary}
        </span>
      </summary>
      <fieldset className="multi-select-options">
        <legend className="visually-hidden">{t(`filters.${filterKey}`)}</legend>
        {options.map((option) => {
          const checked = values.includes(option.code);
          return (
            <label key={option.code}>
              <input
                type="checkbox"
                name={filterKey}
                value={option.code}
                checked={checked}
                onChange={() => onChange(checked ? values.filter((v) => v !== option.code) : [...values, option.code])}
              />
              {nameOf(option, language)}
            </label>
          );
        })}
        {values.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            {t('filters.clear')}
          </button>
        )}
      </fieldset>
    </details>
  );
}
