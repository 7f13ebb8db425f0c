import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS } from '../lib/export-url';
import type { ExportFormat } from '../lib/export-url';

/**
 * The download menu of a view: a disclosure button and, while it is open, one link per format. The
 * links are plain `<a href download>`: the browser saves the file under the name the server gives it,
 * and a keyboard or screen-reader user meets ordinary links. The button shows "Download" and is named
 * "Download (view)" (the view's name hidden), so on a page of several menus each says what it exports
 * and its accessible name still begins with its visible text. Escape closes the menu and returns focus
 * to the button; so does leaving it, or choosing a format.
 */
export function DownloadMenu({
  hrefOf,
  context,
  hint,
  testId,
}: {
  /** The address of the view's export in one format (client/lib/export-url.ts). */
  hrefOf: (format: ExportFormat) => string;
  /** The name of what is exported, for the button's accessible name; omit when the page has one menu. */
  context?: string;
  /** What the file holds; the general "the view as shown" by default. */
  hint?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const closeTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(closeTimer.current), []);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div
      className="download-menu"
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={button}
        className="secondary download-button"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen(!open)}
      >
        {t('download.label')}
        {/* The space outside the hidden text: a name computed from content trims each element's own text. */}
        {context && (
          <>
            {' '}
            <span className="visually-hidden">{t('download.context', { name: context })}</span>
          </>
        )}
        {/* Hidden from the name: a screen reader already hears "expanded" or "collapsed". */}
        <span className="download-caret" aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      {open && (
        // Focusable only so that a click on the hint keeps the menu open (focus stays inside it).
        <div className="download-menu-panel" id={`${id}-menu`} tabIndex={-1}>
          <p className="download-menu-hint" id={`${id}-hint`}>
            {hint ?? t('download.hint')}
          </p>
          <ul>
            {EXPORT_FORMATS.map((format) => (
              <li key={format}>
                <a
                  href={hrefOf(format)}
                  download
                  aria-describedby={`${id}-hint`}
                  data-format={format}
                  // Closed a moment later: a link taken out of the page before its click is handled downloads nothing.
                  onClick={() => {
                    closeTimer.current = setTimeout(close, 0);
                  }}
                >
                  {t(`download.formats.${format}`)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
