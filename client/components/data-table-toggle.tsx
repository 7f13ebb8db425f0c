import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Every chart has its numbers as a table (docs/product.md §5): a toggle under the chart reveals it. */
export function DataTableToggle({ children, defaultOpen = false }: { children: ReactNode; defaultOpen?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className="data-table-toggle">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? t('common.hideTable') : t('common.showTable')}
      </button>
      {/* Long tables scroll inside a capped height (the dashboard's CSS): focusable, so that a keyboard
          user can scroll one without links in it, such as the burn-up's (WCAG 2.1.1). */}
      <div id={id} hidden={!open} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
