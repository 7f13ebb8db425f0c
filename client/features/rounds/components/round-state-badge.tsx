import { useTranslation } from 'react-i18next';
import type { RoundAnswerState, RoundState } from '../../../../server/schemas/follow-up';

// A round's state and a measure's answer always carry their name and a symbol, never colour alone.

const ROUND_SYMBOLS: Record<RoundState, string> = { scheduled: '○', open: '●', closed: '■' };
const ANSWER_SYMBOLS: Record<RoundAnswerState, string> = { missing: '△', submitted: '●', accepted: '✓', returned: '↩' };

export function RoundStateBadge({ state }: { state: RoundState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge round-state round-state-${state}`} data-round-state={state}>
      <span className="badge-dot" aria-hidden="true">
        {ROUND_SYMBOLS[state]}
      </span>
      {t(`roundStates.${state}`)}
    </span>
  );
}

export function AnswerStateBadge({ state, late }: { state: RoundAnswerState; late: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="answer-state">
      <span className={`badge answer-state-${state}`} data-answer-state={state}>
        <span className="badge-dot" aria-hidden="true">
          {ANSWER_SYMBOLS[state]}
        </span>
        {t(`answerStates.${state}`)}
      </span>
      {late && <span className="badge answer-late">{t('answerStates.late')}</span>}
    </span>
  );
}
