import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportQueueItem, RoundDetailResponse } from '../../../../server/schemas/follow-up';
import { Panel } from '../../../components/panel';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { titleOf, useLanguage } from '../../../lib/meta';
import { openRoundOf, returnedReportsQuery, roundDetailQuery, roundsQuery } from '../api/my-ministry-queries';

// What the follow-up round asks of a lead (docs/product.md §4), at the top of their page: first the
// reports the secretariat sent back (差し戻し), each with its comment and a way to report again; then
// the open round's due date and the ministry's measures it still misses. Neither blocks the page:
// while they load, or when the server has no rounds, the rest of the page stands on its own.

export function ReturnedReports({ ministry }: { ministry: string }) {
  const { t } = useTranslation();
  const query = useQuery(returnedReportsQuery(ministry));
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Panel
      title={t('followUpViews.returnedHeading')}
      description={t('followUpViews.returnedHelp')}
      variant="box"
      className="returned-panel"
      testId="my-returned"
    >
      <ul className="returned-list">
        {items.map((item) => (
          <ReturnedItem key={item.report.id} item={item} />
        ))}
      </ul>
    </Panel>
  );
}

function ReturnedItem({ item }: { item: ReportQueueItem }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { measure, report } = item;
  return (
    <li data-code={measure.code}>
      <Link to={`/measures/${measure.code}`}>
        <span className="nowrap">{measure.code}</span> {titleOf(measure, language)}
      </Link>
      <div className="muted small">
        {t('followUpViews.returnedOn', {
          reported: formatDateTime(report.reportedAt, language),
          reviewed: formatDateTime(report.review.reviewedAt, language),
          reviewer: report.review.reviewer ?? '—',
        })}
      </div>
      <blockquote className="review-comment">{report.review.comment}</blockquote>
      <Link
        className="button-link"
        to={`/measures/${measure.code}/report`}
        aria-label={t('followUpViews.reportAgainLabel', { code: measure.code })}
      >
        {t('followUpViews.reportAgain')}
      </Link>
    </li>
  );
}

export function OpenRound({ ministry }: { ministry: string }) {
  const rounds = useQuery(roundsQuery());
  const open = rounds.data ? openRoundOf(rounds.data, ministry) : null;
  if (!open) return null;
  return <RoundForMinistry code={open.code} ministry={ministry} />;
}

function RoundForMinistry({ code, ministry }: { code: string; ministry: string }) {
  const query = useQuery(roundDetailQuery(code));
  if (!query.data) return null;
  return <RoundPanel round={query.data} ministry={ministry} />;
}

function RoundPanel({ round, ministry }: { round: RoundDetailResponse; ministry: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const mine = round.measures.filter((m) => m.leadMinistry === ministry);
  const missing = mine.filter((m) => m.state === 'missing');
  const n = (v: number) => formatNumber(v, language);
  const title = titleOf(round, language);
  return (
    <Panel title={t('followUpViews.roundHeading', { title })} variant="box" testId="my-round">
      <p>
        {t('followUpViews.roundDue', { due: formatDateTime(round.dueAt, language) })}{' '}
        <strong data-testid="my-round-missing">
          {t('followUpViews.roundMissing', { missing: n(missing.length), total: n(mine.length) })}
        </strong>
      </p>
      {mine.length === 0 ? (
        <p className="muted">{t('followUpViews.roundNotInScope')}</p>
      ) : missing.length === 0 ? (
        <p>{t('followUpViews.roundAllAnswered')}</p>
      ) : (
        <ul className="round-missing" aria-label={t('followUpViews.roundMissingList')}>
          {missing.map((m) => (
            <li key={m.code} data-code={m.code}>
              {/* The link's name starts with its visible words (axe label-content-name-mismatch). */}
              <Link to={`/measures/${m.code}`}>
                <span className="nowrap">{m.code}</span> {titleOf(m, language)}
              </Link>{' '}
              <Link className="button-link" to={`/measures/${m.code}/report`} aria-label={t('my.reportLabel', { code: m.code })}>
                {t('my.report')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
