import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';

/**
 * Every list filter at once, as a page's URL writes them, and as a download link must carry them on.
 * In the fixture (tests/support/fixture-measures.ts) they select METI-0001 alone.
 */
export const DOWNLOAD_FILTERS =
  'field=quantum,ai-semiconductors&ministry=meti&status=in_progress&health=on_track,at_risk&pillar=rnd-seeds' +
  '&instrument=rnd&q=meti&asOf=2026-11-26';

export const DOWNLOAD_PARAMS: Record<string, string> = {
  field: 'quantum,ai-semiconductors',
  ministry: 'meti',
  status: 'in_progress',
  health: 'on_track,at_risk',
  pillar: 'rnd-seeds',
  instrument: 'rnd',
  q: 'meti',
  asOf: '2026-11-26',
};

/** Where one download link of a menu leads: the path, and its query read back into an object. */
export interface DownloadLink {
  path: string;
  params: Record<string, string>;
}

/**
 * Opens the download menu named `name` inside `scope` and reads its three links (CSV, Excel, JSON),
 * checking on the way that it is a collapsed button whose accessible name begins with its visible text.
 */
export async function openDownloadMenu(
  user: UserEvent,
  name: string,
  scope: HTMLElement = document.body,
): Promise<Record<'csv' | 'xlsx' | 'json', DownloadLink>> {
  const button = within(scope).getByRole('button', { name });
  expect(button).toHaveAttribute('aria-expanded', 'false');
  const visible = [...button.childNodes]
    .filter(
      (n) => !(n instanceof HTMLElement && (n.classList.contains('visually-hidden') || n.getAttribute('aria-hidden') === 'true')),
    )
    .map((n) => n.textContent)
    .join('')
    .trim();
  expect(name.startsWith(visible), `"${name}" begins with its visible text "${visible}"`).toBe(true);
  button.focus();
  await user.keyboard('{Enter}');
  const menu = document.getElementById(button.getAttribute('aria-controls') ?? '');
  if (!menu) throw new Error(`the menu "${name}" did not open`);
  const links = Object.fromEntries(
    within(menu)
      .getAllByRole('link')
      .map((a) => {
        const url = new URL(a.getAttribute('href') ?? '', 'http://localhost');
        return [a.dataset.format, { path: url.pathname, params: Object.fromEntries(url.searchParams) }];
      }),
  );
  expect(Object.keys(links)).toEqual(['csv', 'xlsx', 'json']);
  await user.keyboard('{Escape}');
  expect(screen.queryAllByRole('link', { name: 'CSV' })).toEqual([]);
  return links as Record<'csv' | 'xlsx' | 'json', DownloadLink>;
}

/** Every format's link leads to `view` in that format, with exactly `params` as its query. */
export function expectEveryFormat(
  links: Record<'csv' | 'xlsx' | 'json', DownloadLink>,
  view: string,
  params: Record<string, string>,
) {
  for (const format of ['csv', 'xlsx', 'json'] as const) {
    expect(links[format], `${view}.${format}`).toEqual({ path: `/api/v1/exports/${view}.${format}`, params });
  }
}
