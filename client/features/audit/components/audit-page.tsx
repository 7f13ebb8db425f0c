import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AuditListResponse } from '../../../../server/schemas/writes';
import { FormField } from '../../../components/form-field';
import { ErrorState, Skeleton } from '../../../components/query-state';
import { RequireSession } from '../../../components/require-session';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useLanguage, useNamer } from '../../../lib/meta';
import { canReadAudit } from '../../../../common/roles';
import { AUDIT_PAGE_SIZE, auditFiltersToParams, auditQuery, parseAuditFilters } from '../api/audit-queries';
import type { AuditFilters } from '../api/audit-queries';
import { diffSnapshots, displayValue, isInstant } from '../api/audit-diff';

type AuditEntry = AuditListResponse['items'][number];

/** Changed fields shown before the rest fold away. */
const SHOWN_CHANGES = 8;

/** The audit trail for administrators (issue 4) at /admin/audit. */
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
      {query.isPending ? (
        <Skeleton height={360} />
      ) : query.isError ? (
        query.error instanceof ApiRequestError && query.error.status === 403 ? (
          <p className="form-alert" role="alert">
            {t('audit.forbidden')}
          </p>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : (
        <>
          <p className="muted" aria-live="polite" data-testid="audit-total">
            {t('audit.total', { formatted: formatNumber(total, language), count: total })}
          </p>
          {query.data.items.length === 0 ? (
            <div className="empty-state" role="status">
              <p>{t('audit.empty')}</p>
            </div>
          ) : (
            <div className="table-scroll">
              <table className="audit-table">
                <caption className="visually-hidden">{t('audit.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.columns.when')}</th>
                    <th scope="col">{t('audit.columns.actor')}</th>
                    <th scope="col">{t('audit.columns.action')}</th>
                    <th scope="col">{t('audit.columns.entity')}</th>
                    <th scope="col">{t('audit.columns.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {query.data.items.map((entry) => (
                    <AuditRow key={entry.id} entry={entry} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav className="pagination" aria-label={t('audit.title')}>
              <button
                type="button"
                className="secondary"
                disabled={filters.page <= 1}
                onClick={() => setFilters({ ...filters, page: filters.page - 1 })}
              >
                {t('explorer.previous')}
              </button>
              <span>
                {t('explorer.page', { page: formatNumber(filters.page, language), pages: formatNumber(pages, language) })}
              </span>
              <button
                type="button"
                className="secondary"
                disabled={filters.page >= pages}
                onClick={() => setFilters({ ...filters, page: filters.page + 1 })}
              >
                {t('explorer.next')}
              </button>
            </nav>
          )}
        </>
      )}
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
    <table className="diff-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.path}>
            <th scope="row">
              <code>{line.path}</code>
            </th>
            <td className={line.before === undefined ? undefined : 'diff-before'}>{show(line.path, line.before)}</td>
            <td className={line.after === undefined ? undefined : 'diff-after'}>{show(line.path, line.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
