import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * A native modal <dialog> driven by React state: `open` shows it with showModal (the page behind
 * is inert) and moves focus to `initialFocus`; closing gives focus back to where it was. The
 * browser's own Escape is routed through `onClose`, so React's state and the dialog agree. Where
 * showModal is missing (jsdom), the `open` attribute shows it. Shared by the conflict and confirm
 * dialogs.
 */
export function useModalDialog(
  open: boolean,
  onClose: () => void,
  initialFocus: RefObject<HTMLElement | null>,
): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      initialFocus.current?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      returnFocus.current?.focus();
      returnFocus.current = null;
    }
  }, [open, initialFocus]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const cancel = (event: Event) => {
      event.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', cancel);
    return () => dialog.removeEventListener('cancel', cancel);
  }, [onClose]);

  return ref;
}
