import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { MeasureDetailResponse } from '../../../../server/schemas/responses';
import { NotFoundPage } from '../../../app/not-found-page';
import { HealthBadge, ProgressBar, StatusBadge, StatusHealthCells } from '../../../components/badges';
import { DataTable } from '../../../components/data-table';
import { DownloadMenu } from '../../../components/download-menu';
import { Panel } from '../../../components/panel';
import { QueryView } from '../../../components/query-view';
import { ApiRequestError } from '../../../lib/api-client';
import { exportUrl } from '../../../lib/export-url';
import { formatDate, formatList, listSeparator, formatDateTime, formatFiscalYear, formatYen } from '../../../lib/format';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { useSession } from '../../../lib/session';
import { canEditMeasure } from '../../../../common/roles';
import { measureDetailQuery, reportHistoryFilters } from '../api/measure-detail-queries';

/** One measure (docs/product.md §5): summary, owners, milestones on a timeline, report history newest first. */
export function MeasureDetailPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const asOf = params.get('asOf') ?? '';
  const { t } = useTranslation();
  const query = useQuery(measureDetailQuery(code, asOf));

  return (
    <QueryView
      query={query}
      data={query.data}
      skeletonHeight={480}
      renderError={(error) =>
        error instanceof ApiRequestError && (error.status === 404 || error.status === 400) ? (
          <NotFoundPage message={t('detail.notFound', { code })} />
        ) : undefined
      }
    >
      {(measure) => <MeasureDetail measure={measure} asOf={asOf} />}
    </QueryView>
  );
}

function MeasureDetail({ measure: m, asOf }: { measure: MeasureDetailResponse; asOf: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const { user } = useSession();
  const title = titleOf(m, language);
  const otherTitle = language === 'en' ? m.titleJa : m.titleEn;
  const exportable = m.reports.length > 0;

  return (
    <article className="measure-detail">
      <p className="muted">
        <Link to="/measures">{t('nav.measures')}</Link> / {m.code}
      </p>
      <h1>
        <span className="muted">{m.code}</span> {title}
      </h1>
      <p className="muted" lang={language === 'en' ? 'ja' : 'en'}>
        {otherTitle}
      </p>
      <p>
        <StatusBadge status={m.status} /> <HealthBadge health={m.health} /> <ProgressBar value={m.progress} />
      </p>
      {canEditMeasure(user, m.leadMinistry) && (
        <nav className="detail-actions" aria-label={t('detail.actions')}>
          <Link className="button-link" to={`/measures/${m.code}/report`}>
            {t('detail.report')}
          </Link>
          <Link to={`/measures/${m.code}/milestones`}>{t('detail.editMilestones')}</Link>
        </nav>
      )}

      <div className="grid grid-2">
        <Panel title={t('detail.summary')} variant="box">
          <p>{language === 'en' ? m.summaryEn : m.summaryJa}</p>
          <dl className="facts">
            <dt>{t('detail.kpi')}</dt>
            <dd>{language === 'en' ? m.kpiEn : m.kpiJa}</dd>
            <dt>{t('detail.budget')}</dt>
            <dd>
              {formatYen(m.budgetYen, language)}
              {m.budgetFiscalYear !== null && ` (${formatFiscalYear(m.budgetFiscalYear, language)})`}
            </dd>
            <dt>{t('detail.period')}</dt>
            <dd>
              {formatDate(m.startDate, language)} – {formatDate(m.targetDate, language)}
            </dd>
            <dt>{t('detail.pillar')}</dt>
            <dd>
              <Link to={`/measures?pillar=${m.pillar}`}>{name('pillars', m.pillar)}</Link>
            </dd>
            <dt>{t('detail.fields')}</dt>
            <dd>
              {m.fields.map((f, i) => (
                <span key={f}>
                  {i > 0 && listSeparator(language)}
                  <Link to={`/measures?field=${f}`}>{name('fields', f)}</Link>
                  {f === m.primaryField && m.fields.length > 1 && <span className="muted">{t('detail.primary')}</span>}
                </span>
              ))}
            </dd>
            <dt>{t('detail.instruments')}</dt>
            <dd>
              {formatList(
                m.instruments.map((x) => name('instruments', x)),
                language,
              )}
            </dd>
          </dl>
        </Panel>
        <Panel title={t('detail.owners')} variant="box">
          <dl className="facts">
            <dt>{t('detail.lead')}</dt>
            <dd>
              <Link to={`/measures?ministry=${m.leadMinistry}`}>{name('ministries', m.leadMinistry)}</Link>
            </dd>
            <dt>{t('detail.co')}</dt>
            <dd>
              {m.coMinistries.length === 0
                ? t('common.none')
                : m.coMinistries.map((c, i) => (
                    <span key={c}>
                      {i > 0 && listSeparator(language)}
                      <Link to={`/measures?ministry=${c}`}>{name('ministries', c)}</Link>
                    </span>
                  ))}
            </dd>
            <dt>{t('detail.owner')}</dt>
            <dd>{m.ownerName}</dd>
            <dt>{t('detail.lastReported')}</dt>
            <dd>{formatDateTime(m.lastReportedAt, language)}</dd>
            <dt>{t('detail.nextDue')}</dt>
            <dd>{formatDateTime(m.reportDueAt, language)}</dd>
          </dl>
        </Panel>
      </div>

      <Panel title={t('detail.milestones')} variant="plain">
        <ol className="timeline">
          {m.milestoneList.map((ms) => (
            <li key={ms.id} className={ms.completedDate ? 'done' : ms.overdue ? 'overdue' : ''}>
              <strong>{titleOf(ms, language)}</strong>{' '}
              <span className="badge" style={{ borderColor: ms.completedDate ? '#009e73' : ms.overdue ? '#d55e00' : '#8c8c8c' }}>
                {ms.completedDate ? `✔ ${t('detail.done')}` : ms.overdue ? `✖ ${t('detail.overdue')}` : t('detail.pending')}
              </span>
              <div className="muted">
                {t('detail.due')}: {formatDate(ms.dueDate, language)}
                {ms.slipDays !== 0 && (
                  <>
                    {' '}
                    ({t('detail.baseline')}: {formatDate(ms.baselineDueDate, language)},{' '}
                    {t('detail.slipped', { count: ms.slipDays })})
                  </>
                )}
                {ms.completedDate && (
                  <>
                    {' · '}
                    {t('detail.done')}: {formatDate(ms.completedDate, language)}
                  </>
                )}
                {ms.weight !== 1 && ` · ${t('detail.weight')}: ${ms.weight}`}
              </div>
            </li>
          ))}
        </ol>
      </Panel>

      <Panel
        title={t('detail.reports')}
        variant="plain"
        actions={
          exportable && (
            <DownloadMenu
              context={t('detail.reports')}
              hint={t('download.reportsHint')}
              hrefOf={(format) => exportUrl('reports', format, reportHistoryFilters(m.code, asOf), language)}
            />
          )
        }
      >
        {m.reports.length === 0 ? (
          <p className="muted">{t('detail.noReports')}</p>
        ) : (
          <DataTable
            caption={t('detail.reports')}
            captionHidden
            columns={[
              { key: 'reportedAt', label: t('detail.reportedAt') },
              { key: 'status', label: t('explorer.columns.status') },
              { key: 'health', label: t('explorer.columns.health') },
              { key: 'note', label: t('detail.summary') },
              { key: 'reporter', label: t('detail.reportedBy') },
            ]}
          >
            {m.reports.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.reportedAt, language)}</td>
                <StatusHealthCells status={r.status} health={r.health} />
                <td lang="ja">
                  {r.note}
                  {r.evidenceUrl && (
                    <>
                      {' '}
                      <a href={r.evidenceUrl} rel="noopener noreferrer" target="_blank">
                        {t('detail.evidence')}
                      </a>
                    </>
                  )}
                </td>
                <td>{r.reporter}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
    </article>
  );
}
