import { useId } from 'react';
import type { ReactNode } from 'react';

/**
 * How a panel sits on its page: `card`, a white box among others (the dashboard); `box`, a grey box
 * (a measure's facts); `plain`, a section of a page with space above it and no box.
 */
export type PanelVariant = 'card' | 'box' | 'plain';

const VARIANT_CLASS: Record<PanelVariant, string> = { card: 'panel panel-card', box: 'panel', plain: 'panel-plain' };

/**
 * A titled section: its heading names it (`aria-labelledby`), so it is a landmark a screen-reader user
 * can jump to. `actions` sit beside the heading (a view switch, say); `description` under it.
 */
export function Panel({
  title,
  description,
  actions,
  variant = 'card',
  className,
  testId,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  variant?: PanelVariant;
  /** Extra classes, for where the panel sits in a layout. */
  className?: string;
  testId?: string;
  children?: ReactNode;
}) {
  const id = useId();
  const headingId = `${id}-h`;
  const heading = <h2 id={headingId}>{title}</h2>;
  return (
    <section
      className={className ? `${VARIANT_CLASS[variant]} ${className}` : VARIANT_CLASS[variant]}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      {actions ? (
        <div className="panel-head">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {description && <p className="muted panel-description">{description}</p>}
      {children}
    </section>
  );
}
