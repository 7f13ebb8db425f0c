import { useId, useRef } from 'react';
import { useModalDialog } from './use-modal-dialog';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';
import { useLanguage } from '../lib/meta';
import { DataTable } from './data-table';

// The lost-update guard made visible (docs/product.md §1, §7): when the server answers 412, the user sees their
// version beside the one saved in the meantime and chooses; nothing is overwritten silently.

export interface ConflictRow {
  /** Stable key (the row's field). */
  key: string;
  label: string;
  mine: ReactNode;
  current: ReactNode;
  /** Whether the two differ (highlighted); defaults to comparing the rendered text. */
  differs?: boolean;
}

export interface ConflictDialogProps {
  open: boolean;
  /** What was being saved ("your report", "your milestone change"). */
  description: ReactNode;
  rows: ConflictRow[];
  /** The version saved in the meantime, when known: the dialog says which one it is and when it was saved. */
  current?: { version: number; updatedAt: string } | null;
  reapplyLabel: string;
  discardLabel: string;
  onReapply: () => void;
  onDiscard: () => void;
  /** Escape or the close button: decide later (the form stays as it is). */
  onClose: () => void;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** A modal <dialog> with a focus trap; focus returns to where it was when it closes. */
export function ConflictDialog({
  open,
  description,
  rows,
  current,
  reapplyLabel,
  discardLabel,
  onReapply,
  onDiscard,
  onClose,
}: ConflictDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const changedBy = current
    ? t('conflict.changedBy', { version: current.version, when: formatDateTime(current.updatedAt, language) })
    : null;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ref = useModalDialog(open, onClose, headingRef);
  const id = useId();

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === headingRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="conflict-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      onKeyDown={onKeyDown}
    >
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('conflict.title')}
      </h2>
      <div id={`${id}-description`}>
        <p>{t('conflict.explanation')}</p>
        <p>{description}</p>
        {changedBy && <p className="muted">{changedBy}</p>}
      </div>
      {open && (
        <DataTable
          caption={t('conflict.tableCaption')}
          captionHidden
          scroll={false}
          className="conflict-table"
          columns={[
            { key: 'field', label: '', corner: true },
            { key: 'mine', label: t('conflict.mine') },
            { key: 'current', label: t('conflict.current') },
          ]}
        >
          {rows.map((row) => (
            <tr key={row.key} className={row.differs ? 'differs' : undefined} data-row={row.key}>
              <th scope="row">
                {row.label}
                {row.differs && <span className="conflict-differs"> {t('conflict.differs')}</span>}
              </th>
              <td data-version="mine">{row.mine}</td>
              <td data-version="current">{row.current}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onReapply}>
          {reapplyLabel}
        </button>
        <button type="button" className="secondary" onClick={onDiscard}>
          {discardLabel}
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          {t('conflict.later')}
        </button>
      </div>
    </dialog>
  );
}
