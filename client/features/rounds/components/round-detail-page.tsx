import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { RoundDetailResponse } from '../../../../server/schemas/follow-up';
import { NotFoundPage } from '../../../app/not-found-page';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { Panel } from '../../../components/panel';
import { QueryView } from '../../../components/query-view';
import { WriteProblemMessage } from '../../../components/write-problem';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate, formatDateTime, formatList, formatNumber } from '../../../lib/format';
import { jstDay } from '../../../lib/follow-up-api';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { useSession } from '../../../lib/session';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { canManageRounds } from '../../../../common/roles';
import { closeRound, roundDetailQuery, roundKeys } from '../api/rounds-queries';
import { parseRoundFilter } from '../round-filter';
import { RoundGrid } from './round-grid';
import { RoundMeasures } from './round-measures';
import { RoundStateBadge } from './round-state-badge';

/** One round at /rounds/:code: who has answered, who is missing, and closing it (docs/product.md §4). */
export function RoundDetailPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const query = useQuery(roundDetailQuery(code));
  return (
    <div className="follow-up-page">
      <p>
        <Link to="/rounds">{t('round.back')}</Link>
      </p>
      <QueryView
        query={query}
        data={query.data}
        skeletonHeight={480}
        renderError={(error) =>
          error instanceof ApiRequestError && error.status === 404 ? (
            <NotFoundPage message={t('round.notFound', { code })} />
          ) : undefined
        }
      >
        {(round) => <RoundView round={round} />}
      </QueryView>
    </div>
  );
}

function RoundView({ round }: { round: RoundDetailResponse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const { user } = useSession();
  const [params] = useSearchParams();
  const [outcome, setOutcome] = useState<CloseOutcome | null>(null);
  const filter = parseRoundFilter(params);
  const scopeNames = [
    ...round.ministries.map((code) => name('ministries', code)),
    ...round.fields.map((code) => name('fields', code)),
  ];
  const filterText = [filter.ministry && name('ministries', filter.ministry), filter.state && t(`answerStates.${filter.state}`)]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <h1>
        {titleOf(round, language)} <RoundStateBadge state={round.state} />
      </h1>
      <p data-testid="round-facts">
        <code>{round.code}</code>{' '}
        {t('round.facts', {
          state: t(`roundStates.${round.state}`),
          opens: formatDate(jstDay(round.opensAt), language),
          due: formatDate(jstDay(round.dueAt), language),
        })}
      </p>
      <p className="muted">
        {scopeNames.length === 0 ? t('round.scopeAll') : t('round.scope', { scope: formatList(scopeNames, language) })}
        {round.closedAt && (
          <>
            <br />
            {t('round.closedAt', { when: formatDateTime(round.closedAt, language) })}
          </>
        )}
      </p>
      {outcome && <CloseOutcomeMessage outcome={outcome} code={round.code} />}
      {canManageRounds(user) && round.state !== 'closed' && <CloseRound round={round} onOutcome={setOutcome} />}
      <Panel title={t('round.gridTitle')} variant="plain">
        <RoundGrid round={round} />
      </Panel>
      <section className="panel-plain" id="round-measures" aria-labelledby="round-measures-heading" tabIndex={-1}>
        <h2 id="round-measures-heading">{t('round.measuresTitle')}</h2>
        {filterText && (
          <p aria-live="polite">
            {t('round.filtered', { filter: filterText })} <Link to={{ search: '' }}>{t('round.showAll')}</Link>
          </p>
        )}
        <RoundMeasures measures={round.measures} filter={filter} />
      </section>
    </>
  );
}

/** What closing the round came to, shown above the grid (the button itself goes once the round is closed). */
type CloseOutcome = { kind: 'closed' } | { kind: 'alreadyClosed' } | { kind: 'problem'; problem: WriteProblem };

function CloseOutcomeMessage({ outcome, code }: { outcome: CloseOutcome; code: string }) {
  const { t } = useTranslation();
  if (outcome.kind === 'closed') {
    return (
      <p className="form-notice" role="status" data-testid="round-notice">
        {t('round.closed')}
      </p>
    );
  }
  return (
    <div className="form-alert" role="alert" data-testid="round-notice">
      {outcome.kind === 'alreadyClosed' ? (
        <p>{t('round.alreadyClosed')}</p>
      ) : (
        <WriteProblemMessage problem={outcome.problem} signInNext={`/rounds/${code}`} />
      )}
    </div>
  );
}

function CloseRound({ round, onOutcome }: { round: RoundDetailResponse; onOutcome: (outcome: CloseOutcome) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({ mutationFn: () => closeRound(round.code) });
  const confirm = () =>
    mutation.mutate(undefined, {
      onSuccess: async (closed) => {
        setOpen(false);
        onOutcome({ kind: 'closed' });
        queryClient.setQueryData(roundKeys.detail(round.code), closed);
        await queryClient.invalidateQueries({ queryKey: roundKeys.list() });
      },
      onError: async (error) => {
        setOpen(false);
        if (error instanceof ApiRequestError && error.status === 409 && error.code === 'round_closed') {
          onOutcome({ kind: 'alreadyClosed' });
          await queryClient.invalidateQueries({ queryKey: roundKeys.all });
          return;
        }
        const failure = writeFailureOf(error);
        onOutcome({ kind: 'problem', problem: failure.kind === 'issues' ? { kind: 'failed', message: error.message } : failure });
      },
    });
  return (
    <div className="round-close">
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('round.close')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('round.closeConfirmTitle', { code: round.code })}
        confirmLabel={t('round.closeConfirm')}
        cancelLabel={t('round.cancel')}
        busy={mutation.isPending}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p>{t('round.closeConfirmBody', { missing: formatNumber(round.totals.missing, language) })}</p>
      </ConfirmDialog>
    </div>
  );
}
