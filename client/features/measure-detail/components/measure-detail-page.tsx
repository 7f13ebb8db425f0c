import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../../app/not-found-page';
import { HealthBadge, ProgressBar, StatusBadge } from '../../../components/badges';
import { Panel } from '../../../components/panel';
import { WithdrawalNotice } from '../../../components/withdrawal-notice';
import { QueryView } from '../../../components/query-view';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate, formatList, listSeparator, formatDateTime, formatFiscalYear, formatYen } from '../../../lib/format';
import type { MeasureDetailResponse } from '../../../../server/schemas/responses';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { useSession } from '../../../lib/session';
import { canEditMeasure } from '../../../../common/roles';
import { measureDetailQuery } from '../api/measure-detail-queries';
import { KpiTable } from './kpi-table';
import { MilestoneTimeline } from './milestone-timeline';
import { ReportHistory } from './report-history';

/**
 * One measure (docs/product.md §5): summary, owners, its KPIs, milestones on a timeline, report history
 * newest first — with the follow-up round's reviews, verifications and KPI categories (§4).
 */
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
      {m.withdrawal && <WithdrawalNotice withdrawal={m.withdrawal} />}
      {canEditMeasure(user, m.leadMinistry) && m.withdrawal && (
        <nav className="detail-actions" aria-label={t('detail.actions')}>
          <Link to={`/measures/${m.code}/edit`}>{t('withdrawal.restoreTitle')}</Link>
        </nav>
      )}
      {canEditMeasure(user, m.leadMinistry) && !m.withdrawal && (
        <nav className="detail-actions" aria-label={t('detail.actions')}>
          <Link className="button-link" to={`/measures/${m.code}/report`}>
            {t('detail.report')}
          </Link>
          <Link to={`/measures/${m.code}/milestones`}>{t('detail.editMilestones')}</Link>
          <Link to={`/measures/${m.code}/edit`}>{t('measureEditor.editLink')}</Link>
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

      <KpiTable kpis={m.kpis} />
      <MilestoneTimeline milestones={m.milestoneList} />
      <ReportHistory measure={m} asOf={asOf} />
    </article>
  );
}
