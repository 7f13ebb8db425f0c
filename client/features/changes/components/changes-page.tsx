import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ChangeItem, ChangeKind, ChangesResponse } from '../../../../server/schemas/meeting-pack';
import { DownloadMenu } from '../../../components/download-menu';
import { FilterBar } from '../../../components/filter-bar';
import { KpiList, KpiTile } from '../../../components/kpi-tile';
import { Pagination } from '../../../components/pagination';
import { Panel } from '../../../components/panel';
import { EmptyState, ErrorState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { ApiRequestError } from '../../../lib/api-client';
import { exportUrl } from '../../../lib/export-url';
import { filtersToParams, parseFilters } from '../../../lib/filters';
import type { Filters } from '../../../lib/filters';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import type { Language } from '../../../lib/i18n';
import { nameOf, titleOf, useLanguage, useMeta, useNamer } from '../../../lib/meta';
import type { Meta } from '../../../lib/meta';
import { CHANGES_PAGE_SIZE, changesQuery } from '../api/changes-queries';
import './changes-page.css';
import type { ChangesParams } from '../api/changes-queries';

// 「前回会議からの変化」(docs/product.md §5): what changed between two instants (by default the last
// meeting and now), counted by kind and listed per measure, grouped by field or lead ministry. Every
// choice lives in the URL (?from=&to=&group= and the list filters), so a link reproduces the view.

/** The kinds in the API's order (server/schemas/meeting-pack.ts CHANGE_KINDS). */
const KINDS: readonly ChangeKind[] = [
  'status_changed',
  'health_improved',
  'health_worsened',
  'milestone_completed',
  'milestone_slipped',
  'newly_overdue',
  'newly_stale',
  'measure_added',
  'kpi_category_changed',
];

type Group = 'field' | 'ministry';

interface ChangesState extends ChangesParams {
  group: Group;
}

function useChangesState(): [ChangesState, (next: ChangesState) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(
    (): ChangesState => ({
      filters: { ...parseFilters(params), asOf: '' },
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
      group: params.get('group') === 'ministry' ? 'ministry' : 'field',
      kind: kindOf(params.get('kind')),
      offset: offsetOf(params.get('offset')),
    }),
    [params],
  );
  const set = useCallback(
    (next: ChangesState) =>
      setParams(
        filtersToParams(
          { ...next.filters, asOf: '' },
          {
            from: next.from || undefined,
            to: next.to || undefined,
            group: next.group === 'field' ? undefined : next.group,
            kind: next.kind || undefined,
            offset: next.kind && next.offset > 0 ? String(next.offset) : undefined,
          },
        ),
      ),
    [setParams],
  );
  return [state, set];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A kind from the URL, or '' (every kind) for anything else. */
function kindOf(value: string | null): ChangeKind | '' {
  return KINDS.find((k) => k === value) ?? '';
}

/** A page's offset from the URL: a non-negative multiple of the page size, else the first page. */
function offsetOf(value: string | null): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 && n % CHANGES_PAGE_SIZE === 0 ? n : 0;
}

export function ChangesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const meta = useMeta();
  const [state, setState] = useChangesState();
  const changes = useQuery(changesQuery(state));
  // A new question starts each kind from its first page.
  const setFilters = (filters: Filters) => setState({ ...state, filters, offset: 0 });

  return (
    <div className="changes-page">
      <h1>{t('changes.title')}</h1>
      <p className="muted">{t('changes.intro')}</p>
      <EndsPicker state={state} meta={meta.data} onChange={(next) => setState({ ...next, offset: 0 })} />
      <FilterBar filters={state.filters} onChange={setFilters} showAsOf={false} />
      <QueryView
        query={changes}
        data={changes.data}
        skeletonHeight={300}
        renderError={(error) =>
          error instanceof ApiRequestError && error.code === 'from_required' ? (
            <EmptyState message={t('changes.fromRequired')} />
          ) : (
            <ErrorState error={error} onRetry={() => void changes.refetch()} />
          )
        }
      >
        {(data) => (
          <>
            <div className="changes-head">
              <p data-testid="changes-period">
                {t('changes.period', {
                  from: endInWords(data.from, meta.data, language, t),
                  to: endInWords(data.to, meta.data, language, t),
                })}
              </p>
              <DownloadMenu
                context={t('changes.downloadContext')}
                hint={t('changes.downloadHint')}
                testId="changes-download"
                hrefOf={(format) => exportUrl('changes', format, { ...state.filters, from: state.from, to: state.to }, language)}
              />
            </div>
            <KpiList label={t('changes.countsLabel')}>
              {KINDS.map((kind) => (
                <KpiTile key={kind} label={t(`changes.kinds.${kind}`)} testId={`changes-count-${kind}`}>
                  {formatNumber(data.counts[kind], language)}
                </KpiTile>
              ))}
            </KpiList>
            <div className="filter-bar-row changes-view">
              <KindPicker value={state.kind} onChange={(kind) => setState({ ...state, kind, offset: 0 })} />
              <GroupToggle value={state.group} onChange={(group) => setState({ ...state, group })} />
            </div>
            <WindowNotice data={data} kind={state.kind} />
            {data.items.length === 0 ? (
              <EmptyState message={t('changes.empty')} />
            ) : (
              <ChangeGroups data={data} group={state.group} meta={meta.data} />
            )}
            {state.kind !== '' && data.counts[state.kind] > CHANGES_PAGE_SIZE && (
              <Pagination
                page={Math.floor(state.offset / CHANGES_PAGE_SIZE) + 1}
                pages={Math.ceil(data.counts[state.kind] / CHANGES_PAGE_SIZE)}
                label={t('changes.pagesOf', { kind: t(`changes.kinds.${state.kind}`) })}
                onPage={(page) => setState({ ...state, offset: (page - 1) * CHANGES_PAGE_SIZE })}
              />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** An end in words: its date (or instant for an edition), and the meeting or edition it stands for. */
function endInWords(end: ChangesResponse['from'], meta: Meta | undefined, language: Language, t: Translate): string {
  const meeting = end.meeting ? meta?.meetings.find((m) => m.code === end.meeting) : undefined;
  const when = end.edition ? formatDateTime(end.instant, language) : formatDate(end.date, language);
  const parts = [meeting ? nameOf(meeting, language) : null, end.edition ? t('changes.edition', { code: end.edition }) : null];
  const source = parts.filter((p): p is string => p !== null);
  if (source.length === 0) return when;
  return language === 'ja' ? `${when}（${source.join('・')}）` : `${when} (${source.join(', ')})`;
}

function EndsPicker({
  state,
  meta,
  onChange,
}: {
  state: ChangesState;
  meta: Meta | undefined;
  onChange: (next: ChangesState) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const today = meta?.today ?? '';
  // A retired meeting was not held as planned (decision 026).
  const held = (meta?.meetings ?? []).filter((m) => !m.retired && (!today || m.date <= today));
  // An edition's code in the URL (a link from an edition, say) is shown as its own option.
  const edition = state.from && !DATE.test(state.from) ? state.from : null;
  const selected = edition ?? (held.some((m) => m.date === state.from) ? state.from : '');
  return (
    <div className="filter-bar-row changes-ends">
      <label htmlFor={`${id}-meeting`}>
        {t('changes.fromLabel')}
        <select id={`${id}-meeting`} value={selected} onChange={(e) => onChange({ ...state, from: e.target.value })}>
          <option value="">{t('changes.fromDefault')}</option>
          {edition && <option value={edition}>{t('changes.edition', { code: edition })}</option>}
          {held.map((m) => (
            <option key={m.code} value={m.date}>
              {t('changes.meetingOption', { name: nameOf(m, language), date: formatDate(m.date, language) })}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-from`}>
        {t('changes.fromDate')}
        <input
          id={`${id}-from`}
          type="date"
          value={DATE.test(state.from) ? state.from : ''}
          max={today || undefined}
          onChange={(e) => onChange({ ...state, from: e.target.value })}
        />
      </label>
      <div className="changes-end-to">
        <label htmlFor={`${id}-to`}>
          {t('changes.toLabel')}
          <input
            id={`${id}-to`}
            type="date"
            value={DATE.test(state.to) ? state.to : ''}
            max={today || undefined}
            aria-describedby={`${id}-to-help`}
            onChange={(e) => onChange({ ...state, to: e.target.value })}
          />
        </label>
        <span id={`${id}-to-help`} className="muted">
          {t('changes.toHelp')}
        </span>
      </div>
    </div>
  );
}

/** One kind to page through, or every kind (the first page of each). */
function KindPicker({ value, onChange }: { value: ChangeKind | ''; onChange: (kind: ChangeKind | '') => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <label htmlFor={id}>
      {t('changes.kindLabel')}
      <select id={id} value={value} onChange={(e) => onChange(kindOf(e.target.value))}>
        <option value="">{t('changes.kindAll')}</option>
        {KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`changes.kinds.${kind}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * What the list leaves out: the API answers a window of each kind (docs/decisions/027-changes-paged-by-
 * kind.md), so the page says how many are listed of how many, and where the rest are.
 */
function WindowNotice({ data, kind }: { data: ChangesResponse; kind: ChangeKind | '' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const total = KINDS.reduce((sum, k) => sum + data.counts[k], 0);
  const omitted = KINDS.reduce((sum, k) => sum + data.omitted[k], 0);
  if (kind !== '') {
    if (data.counts[kind] <= CHANGES_PAGE_SIZE) return null;
    const first = Math.min(data.page.offset + 1, data.counts[kind]);
    return (
      <p className="muted" data-testid="changes-window">
        {t('changes.windowOfKind', {
          kind: t(`changes.kinds.${kind}`),
          first: formatNumber(first, language),
          last: formatNumber(data.page.offset + data.items.length, language),
          total: formatNumber(data.counts[kind], language),
        })}
      </p>
    );
  }
  if (omitted === 0) return null;
  return (
    <p className="changes-window" role="status" data-testid="changes-window">
      {t('changes.window', {
        shown: formatNumber(total - omitted, language),
        total: formatNumber(total, language),
        limit: formatNumber(data.page.limit, language),
      })}
    </p>
  );
}

function GroupToggle({ value, onChange }: { value: Group; onChange: (group: Group) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="segmented changes-group">
      <legend className="visually-hidden">{t('changes.groupLabel')}</legend>
      {(['field', 'ministry'] as const).map((g) => (
        <label key={g} className={value === g ? 'selected' : undefined}>
          <input type="radio" name={`${id}-group`} value={g} checked={value === g} onChange={() => onChange(g)} />
          {t(g === 'field' ? 'changes.groupField' : 'changes.groupMinistry')}
        </label>
      ))}
    </fieldset>
  );
}

/** The items under their primary field or lead ministry, groups in taxonomy order, items in the API's order. */
function ChangeGroups({ data, group, meta }: { data: ChangesResponse; group: Group; meta: Meta | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const keyOf = (i: ChangeItem) => (group === 'field' ? i.measure.primaryField : i.measure.leadMinistry) ?? '';
  const order = (group === 'field' ? meta?.fields : meta?.ministries)?.map((x) => x.code) ?? [];
  const keys = [...new Set(data.items.map(keyOf))].sort(
    (a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return (
    <>
      {keys.map((key) => {
        const items = data.items.filter((i) => keyOf(i) === key);
        const title = key === '' ? t('changes.noField') : name(group === 'field' ? 'fields' : 'ministries', key);
        return (
          <Panel
            key={key}
            variant="plain"
            title={t('changes.itemsOf', { name: title, count: items.length })}
            testId={`changes-group-${key}`}
          >
            <ul className="changes-list">
              {items.map((item) => (
                <li key={itemKey(item)} className="changes-item">
                  <span className="changes-kind">{t(`changes.kinds.${item.kind}`)}</span>{' '}
                  <Link to={`/measures/${encodeURIComponent(item.measure.code)}`}>
                    {item.measure.code} {titleOf(item.measure, language)}
                  </Link>
                  {t('changes.separator')}
                  <span className="changes-words">{itemInWords(item, language, t, name)}</span>{' '}
                  <span className="muted">{t('changes.itemDate', { date: dateInWords(item.date, language) })}</span>
                </li>
              ))}
            </ul>
          </Panel>
        );
      })}
    </>
  );
}

function rank(order: readonly string[], code: string): number {
  const i = order.indexOf(code);
  return i === -1 ? order.length : i;
}

function itemKey(i: ChangeItem): string {
  return `${i.kind}:${i.measure.code}:${i.milestone?.id ?? ''}:${i.kpi?.id ?? ''}:${i.date}`;
}

function dateInWords(date: string, language: Language): string {
  return date.length === 10 ? formatDate(date, language) : formatDateTime(date, language);
}

/** 「実施中 → 完了」, 「順調 → 要注意」, 「節目：2026-03-31 → 2026-06-30（+91日）」: the item in words. */
function itemInWords(item: ChangeItem, language: Language, t: Translate, name: ReturnType<typeof useNamer>): string {
  const milestone = item.milestone ? titleOf(item.milestone, language) : '';
  const date = (d: string | null) => formatDate(d, language);
  switch (item.kind) {
    case 'status_changed':
      return t('changes.words.change', {
        before: name('statuses', item.before ?? ''),
        after: name('statuses', item.after ?? ''),
      });
    case 'health_improved':
    case 'health_worsened':
    case 'newly_stale':
      return t('changes.words.change', { before: name('healths', item.before ?? ''), after: name('healths', item.after ?? '') });
    case 'milestone_completed':
      return t('changes.words.completed', { milestone, date: date(item.after) });
    case 'milestone_slipped': {
      const days = item.slipDays ?? 0;
      return t('changes.words.slipped', {
        milestone,
        before: date(item.before),
        after: date(item.after),
        days: `${days > 0 ? '+' : ''}${formatNumber(days, language)}`,
      });
    }
    case 'newly_overdue':
      return t('changes.words.overdue', { milestone, due: date(item.after) });
    case 'measure_added':
      return t('changes.words.added', { status: name('statuses', item.after ?? '') });
    case 'kpi_category_changed':
      return t('changes.words.kpi', {
        kpi: item.kpi ? (language === 'en' ? item.kpi.nameEn : item.kpi.nameJa) : '',
        before: item.before ?? '',
        after: item.after ?? '',
      });
  }
}
