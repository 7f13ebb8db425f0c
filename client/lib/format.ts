import type { Language } from './i18n';

// Every number and date the UI shows goes through here, localized (docs/product.md §5): 2026年6月30日 /
// 30 Jun 2026; 9,500億円 / ¥950.0 bn; 2026年度 / FY2026 (April–March).

function parseIsoDate(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

export function formatDate(date: string | null | undefined, language: Language): string {
  if (!date) return '—';
  const options: Intl.DateTimeFormatOptions =
    language === 'ja'
      ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', options).format(parseIsoDate(date));
}

/** A short date for chart axes: 6/30 or 30 Jun. */
export function formatShortDate(date: string, language: Language): string {
  const options: Intl.DateTimeFormatOptions =
    language === 'ja'
      ? { year: '2-digit', month: 'numeric', day: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', options).format(parseIsoDate(date));
}

/** An instant shown in Japan time: 2026年6月30日 14:05 / 30 Jun 2026, 14:05. */
export function formatDateTime(instant: string | null | undefined, language: Language): string {
  if (!instant) return '—';
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: language === 'ja' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(instant));
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB').format(value);
}

/** A fraction 0..1 as a percentage with one decimal: 48.4%. */
export function formatPercent(fraction: number, language: Language): string {
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(fraction);
}

/** Yen amounts the way each audience reads budgets: 億円 in Japanese, ¥ billions in English. */
export function formatYen(yen: number | null | undefined, language: Language): string {
  if (yen === null || yen === undefined) return '—';
  if (language === 'ja') {
    const oku = yen / 100_000_000;
    return `${new Intl.NumberFormat('ja-JP', { maximumFractionDigits: oku < 10 ? 1 : 0 }).format(oku)}億円`;
  }
  const bn = yen / 1_000_000_000;
  return `¥${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bn)} bn`;
}

/** Japanese fiscal year (April–March): 2026年度 / FY2026. */
export function formatFiscalYear(year: number | null | undefined, language: Language): string {
  if (year === null || year === undefined) return '—';
  return language === 'ja' ? `${year}年度` : `FY${year}`;
}

/** A list of names: 量子、AI・半導体 in Japanese; Quantum, AI & Semiconductors in English. */
export function formatList(items: readonly string[], language: Language): string {
  return items.join(listSeparator(language));
}

/** The separator between list items, for lists rendered as separate elements (links). */
export function listSeparator(language: Language): string {
  return language === 'ja' ? '、' : ', ';
}
