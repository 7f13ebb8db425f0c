import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AuditListResponse } from '../../../../server/schemas/writes';
import { FormField } from '../../../components/form-field';
import { DataTable } from '../../../components/data-table';
import { Pagination } from '../../../components/pagination';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { RequireSession } from '../../../components/require-session';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useLanguage, useNamer } from '../../../lib/meta';
import { canReadAudit } from '../../../../common/roles';
import { AUDIT_PAGE_SIZE, auditFiltersToParams, auditQuery, parseAuditFilters } from '../api/audit-queries';
import type { AuditFilters } from '../api/audit-queries';
import { diffSnapshots, displayValue, isInstant } from '../audit-diff';

type AuditEntry = AuditListResponse['items'][number];

/** Changed fields shown before the rest fold away. */
const SHOWN_CHANGES = 8;

/** The audit trail for administrators (docs/product.md §5) at /admin/audit. */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <RequireSession>
      {(user) =>
        canReadAudit(user) ? (
          <AuditTrail />
        ) : (
          <section className="narrow-page">
            <h1>{t('audit.title')}</h1>
            <p className="form-alert" role="alert">
              {t('audit.forbidden')}
            </p>
          </section>
        )
      }
    </RequireSession>
  );
}

function AuditTrail() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const filters = parseAuditFilters(params);
  const query = useQuery(auditQuery(filters));
  const setFilters = (next: AuditFilters) => setParams(auditFiltersToParams(next));

  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));

  return (
    <div className="audit-page">
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {/* Keyed by the URL: back/forward or a cleared filter resets what the form shows. */}
      <AuditFilterForm
        key={auditFiltersToParams({ ...filters, page: 1 }).toString()}
        filters={filters}
        onApply={(next) => setFilters({ ...next, page: 1 })}
      />
      <QueryView
        query={query}
        data={query.data}
        skeletonHeight={360}
        renderError={(error) =>
          error instanceof ApiRequestError && error.status === 403 ? (
            <p className="form-alert" role="alert">
              {t('audit.forbidden')}
            </p>
          ) : undefined
        }
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite" data-testid="audit-total">
              {t('audit.total', { formatted: formatNumber(total, language), count: total })}
            </p>
            {data.items.length === 0 ? (
              <EmptyState message={t('audit.empty')} />
            ) : (
              // The class is how tests/e2e/lead-workflow.test.ts finds this table's rows.
              <DataTable
                caption={t('audit.caption')}
                captionHidden
                columns={['when', 'actor', 'action', 'entity', 'changes'].map((key) => ({
                  key,
                  label: t(`audit.columns.${key}`),
                }))}
                size="small"
                className="audit-table"
              >
                {data.items.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} />
                ))}
              </DataTable>
            )}
            {pages > 1 && (
              <Pagination
                page={filters.page}
                pages={pages}
                label={t('audit.title')}
                onPage={(page) => setFilters({ ...filters, page })}
              />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

function AuditFilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (next: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filters);
  const [rangeError, setRangeError] = useState<string | undefined>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setRangeError(t('audit.badRange'));
      return;
    }
    setRangeError(undefined);
    onApply(draft);
  };
  const set = (key: 'entity' | 'actor' | 'from' | 'to', value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <form className="filter-bar audit-filters" role="search" aria-label={t('audit.filters')} onSubmit={onSubmit} noValidate>
      <div className="filter-bar-row">
        <FormField id="audit-entity" label={t('audit.entity')} hint={t('audit.entityHelp')} layout="inline">
          {(control) => (
            <input
              {...control}
              type="search"
              value={draft.entity}
              maxLength={200}
              onChange={(e) => set('entity', e.target.value)}
            />
          )}
        </FormField>
        <FormField id="audit-actor" label={t('audit.actor')} layout="inline">
          {(control) => (
            <input
              {...control}
              type="search"
              value={draft.actor}
              maxLength={254}
              onChange={(e) => set('actor', e.target.value)}
            />
          )}
        </FormField>
        <FormField id="audit-from" label={t('audit.from')} layout="inline">
          {(control) => <input {...control} type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />}
        </FormField>
        <FormField id="audit-to" label={t('audit.to')} error={rangeError} layout="inline">
          {(control) => <input {...control} type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} />}
        </FormField>
        <div className="form-actions">
          <button type="submit">{t('audit.apply')}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setRangeError(undefined);
              onApply({ entity: '', actor: '', from: '', to: '', page: 1 });
            }}
          >
            {t('audit.clear')}
          </button>
        </div>
      </div>
    </form>
  );
}

function measureCodeOf(entityCode: string): string | null {
  const code = entityCode.split('/')[0] ?? '';
  return /^[A-Z]+-\d+$/.test(code) ? code : null;
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const changes = diffSnapshots(entry.before, entry.after);
  const measureCode = entry.entityType === 'measure' || entry.entityType === 'milestone' ? measureCodeOf(entry.entityCode) : null;
  const first = changes.slice(0, SHOWN_CHANGES);
  const rest = changes.slice(SHOWN_CHANGES);
  return (
    <tr data-audit-id={entry.id}>
      <td className="nowrap">{formatDateTime(entry.occurredAt, language)}</td>
      <td>
        {entry.actor ? (
          <>
            <div>{entry.actor.email}</div>
            <div className="muted small">{t(`roles.${entry.actor.role}`, { defaultValue: entry.actor.role })}</div>
          </>
        ) : (
          <span className="muted">{t('audit.system')}</span>
        )}
      </td>
      <td>
        {t(`audit.actions.${entry.action.replace(/\./g, '_')}`, { defaultValue: entry.action })}
        <div className="muted small">
          <code>{entry.action}</code>
        </div>
      </td>
      <td>
        <div className="muted small">{entry.entityType}</div>
        {measureCode ? <Link to={`/measures/${measureCode}`}>{entry.entityCode}</Link> : entry.entityCode}
        {entry.requestId && (
          <div className="muted small request-id">{t('audit.requestId', { id: entry.requestId.slice(0, 8) })}</div>
        )}
      </td>
      <td className="audit-changes">
        {changes.length === 0 ? (
          <span className="muted">{t('audit.noChanges')}</span>
        ) : (
          <>
            <DiffTable lines={first} />
            {rest.length > 0 && (
              <details>
                <summary>{t('audit.showAll', { count: rest.length })}</summary>
                <DiffTable lines={rest} />
              </details>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

/** Leaves holding a status or health code are shown by name, with the code beside it. */
function taxonomyKindOf(path: string): 'statuses' | 'healths' | null {
  if (/(^|\.)status$/.test(path)) return 'statuses';
  if (/(^|\.)(health|reportedHealth)$/.test(path)) return 'healths';
  return null;
}

function DiffTable({ lines }: { lines: ReturnType<typeof diffSnapshots> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const show = (path: string, value: unknown) => {
    if (value === undefined) return <span className="muted">{t('audit.absent')}</span>;
    if (isInstant(value)) {
      return (
        <time dateTime={value} title={value}>
          {formatDateTime(value, language)}
        </time>
      );
    }
    const kind = taxonomyKindOf(path);
    if (kind && typeof value === 'string') return <span title={value}>{name(kind, value)}</span>;
    return displayValue(value);
  };
  return (
    <DataTable
      caption={t('audit.columns.changes')}
      captionHidden
      columns={[
        { key: 'field', label: t('audit.field') },
        { key: 'before', label: t('audit.before') },
        { key: 'after', label: t('audit.after') },
      ]}
      size="nested"
      scroll={false}
    >
      {lines.map((line) => (
        <tr key={line.path}>
          <th scope="row">
            <code>{line.path}</code>
          </th>
          <td className={line.before === undefined ? undefined : 'diff-before'}>{show(line.path, line.before)}</td>
          <td className={line.after === undefined ? undefined : 'diff-after'}>{show(line.path, line.after)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
