import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { MeasureDetailResponse } from '../../../../server/schemas/responses';
import { NotFoundPage } from '../../../app/not-found-page';
import { HealthBadge, ProgressBar, StatusBadge } from '../../../components/badges';
import { ErrorState, Skeleton } from '../../../components/query-state';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate, formatList, listSeparator, formatDateTime, formatFiscalYear, formatYen } from '../../../lib/format';
import { useLanguage, useNamer } from '../../../lib/meta';
import { useSession } from '../../../lib/session';
import { canEditMeasure } from '../../../../common/roles';
import { measureDetailQuery } from '../api/measure-detail-queries';

/** One measure (SPEC §5): summary, owners, milestones on a timeline, report history newest first. */
export function MeasureDetailPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const asOf = params.get('asOf') ?? '';
  const { t } = useTranslation();
  const query = useQuery(measureDetailQuery(code, asOf));

  if (query.isPending) return <Skeleton height={480} />;
  if (query.isError) {
    if (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundPage message={t('detail.notFound', { code })} />;
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <MeasureDetail measure={query.data} />;
}

function MeasureDetail({ measure: m }: { measure: MeasureDetailResponse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const { user } = useSession();
  const title = language === 'en' ? m.titleEn : m.titleJa;
  const otherTitle = language === 'en' ? m.titleJa : m.titleEn;

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
        <section className="panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t('detail.summary')}</h2>
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
                  {f === m.primaryField && m.fields.length > 1 && <span className="muted">（{t('detail.primary')}）</span>}
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
        </section>
        <section className="panel" aria-labelledby="owners-heading">
          <h2 id="owners-heading">{t('detail.owners')}</h2>
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
        </section>
      </div>

      <section aria-labelledby="milestones-heading">
        <h2 id="milestones-heading">{t('detail.milestones')}</h2>
        <ol className="timeline">
          {m.milestoneList.map((ms) => (
            <li key={ms.id} className={ms.completedDate ? 'done' : ms.overdue ? 'overdue' : ''}>
              <strong>{language === 'en' ? ms.titleEn : ms.titleJa}</strong>{' '}
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
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('detail.reports')}</h2>
        {m.reports.length === 0 ? (
          <p className="muted">{t('detail.noReports')}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t('detail.reports')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('explorer.columns.updatedAt')}</th>
                <th scope="col">{t('explorer.columns.status')}</th>
                <th scope="col">{t('explorer.columns.health')}</th>
                <th scope="col">{t('detail.summary')}</th>
                <th scope="col">{t('detail.reportedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {m.reports.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.reportedAt, language)}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>
                    <HealthBadge health={r.health} />
                  </td>
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
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
