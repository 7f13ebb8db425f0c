// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadMenu } from '../../../client/components/download-menu';
import { createI18n } from '../../../client/lib/i18n';
import type { Language } from '../../../client/lib/i18n';

// The download menu as a keyboard and screen-reader user meets it: a disclosure button named by the
// text it shows, then three plain download links, closed by Escape or by leaving it.

function renderMenu(language: Language = 'ja', props: { context?: string; hint?: string } = {}) {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <button type="button">before</button>
      <DownloadMenu hrefOf={(format) => `/api/v1/exports/heatmap.${format}?lang=${language}`} {...props} />
      <button type="button">after</button>
    </I18nextProvider>,
  );
}

describe('the download menu', () => {
  afterEach(cleanup);

  it('is a collapsed button whose accessible name begins with its visible text, with no links until opened', () => {
    renderMenu('ja', { context: '戦略分野 × 府省庁' });
    const button = screen.getByRole('button', { name: 'ダウンロード （戦略分野 × 府省庁）' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).not.toHaveAttribute('aria-controls');
    expect(button.textContent).toMatch(/^ダウンロード/);
    expect(screen.queryAllByRole('link')).toEqual([]);
  });

  it('opens with Enter, offers CSV, Excel and JSON as download links, and closes with Escape back on the button', async () => {
    const user = userEvent.setup();
    renderMenu('ja');
    await user.tab();
    await user.tab();
    const button = screen.getByRole('button', { name: 'ダウンロード' });
    expect(button).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const menu = document.getElementById(button.getAttribute('aria-controls') ?? '');
    if (!menu) throw new Error('aria-controls names no element');
    const links = within(menu).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['CSV', 'Excel（XLSX）', 'JSON']);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/api/v1/exports/heatmap.csv?lang=ja',
      '/api/v1/exports/heatmap.xlsx?lang=ja',
      '/api/v1/exports/heatmap.json?lang=ja',
    ]);
    for (const link of links) {
      expect(link).toHaveAttribute('download');
      expect(link).toHaveAccessibleDescription('表示中の条件（絞り込み・基準日・目標期限）で出力します。');
    }

    await user.tab();
    expect(links[0]).toHaveFocus();
    await user.tab();
    expect(links[1]).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryAllByRole('link')).toEqual([]);
  });

  it('opens with Space and closes when focus moves on past its last link', async () => {
    const user = userEvent.setup();
    renderMenu('en', { hint: 'Exports every matching measure.' });
    const button = screen.getByRole('button', { name: 'Download' });
    button.focus();
    await user.keyboard(' ');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getAllByRole('link').map((a) => a.textContent)).toEqual(['CSV', 'Excel (XLSX)', 'JSON']);
    expect(screen.getByRole('link', { name: 'JSON' })).toHaveAccessibleDescription('Exports every matching measure.');
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('link', { name: 'JSON' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'after' })).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('toggles on a click, and closes after a format is chosen with the focus back on the button', async () => {
    const user = userEvent.setup();
    renderMenu('ja');
    const button = screen.getByRole('button', { name: 'ダウンロード' });
    await user.click(button);
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    const csv = screen.getByRole('link', { name: 'CSV' });
    // jsdom cannot download: keep the click from trying to navigate.
    csv.addEventListener('click', (e) => e.preventDefault());
    await user.click(csv);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });
});
