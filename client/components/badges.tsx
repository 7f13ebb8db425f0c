import { useLanguage, useNamer } from '../lib/meta';
import { formatPercent } from '../lib/format';
import { HEALTH_COLORS, HEALTH_SYMBOLS, STATUS_COLORS } from '../lib/palette';

// Status and health always carry their name and a symbol, never colour alone.

export function StatusBadge({ status }: { status: string }) {
  const name = useNamer();
  const color = STATUS_COLORS[status] ?? '#555';
  return (
    <span className="badge" style={{ borderColor: color, color: '#1a1a1a' }} data-status={status}>
      <span className="badge-dot" aria-hidden="true" style={{ color }}>
        ■
      </span>
      {name('statuses', status)}
    </span>
  );
}

export function HealthBadge({ health }: { health: string }) {
  const name = useNamer();
  const color = HEALTH_COLORS[health] ?? '#555';
  return (
    <span className="badge" style={{ borderColor: color, color: '#1a1a1a' }} data-health={health}>
      <span className="badge-dot" aria-hidden="true" style={{ color }}>
        {HEALTH_SYMBOLS[health] ?? '●'}
      </span>
      {name('healths', health)}
    </span>
  );
}

export function ProgressBar({ value }: { value: number }) {
  const language = useLanguage();
  const text = formatPercent(value, language);
  return (
    <span>
      <span className="progress-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      {text}
    </span>
  );
}

/** A table row's status and health cells, side by side as every measure table shows them. */
export function StatusHealthCells({ status, health }: { status: string; health: string }) {
  return (
    <>
      <td>
        <StatusBadge status={status} />
      </td>
      <td>
        <HealthBadge health={health} />
      </td>
    </>
  );
}
