import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A row of headline figures, one tile each (a list, so a screen reader announces how many). */
export function KpiList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="grid grid-kpi kpi-tiles" aria-label={label}>
      {children}
    </ul>
  );
}

/**
 * One headline figure: its label, the number, an optional line of help under it. With `href` the
 * whole tile is a link (to the measures it counts); `alert` marks a figure that asks for action.
 */
export function KpiTile({
  label,
  help,
  href,
  alert = false,
  testId,
  children,
}: {
  label: string;
  help?: string;
  href?: string;
  alert?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value" data-testid={testId}>
        {children}
      </span>
      {help && <span className="kpi-help">{help}</span>}
    </>
  );
  const className = ['kpi', href && 'kpi-link', alert && 'kpi-alert'].filter(Boolean).join(' ');
  return <li className={className}>{href ? <Link to={href}>{body}</Link> : body}</li>;
}
