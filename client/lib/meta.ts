import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MetaResponse, TaxonomyItemDto } from '../../server/schemas/responses';
import { api, unwrap } from './api-client';
import type { Language } from './i18n';

// The taxonomy (fields, ministries, …, deadlines) every page names things with. It changes only when
// an operator edits it, so it is fetched once and kept.

export const metaKeys = { all: ['meta'] as const };

export const metaQuery = queryOptions({
  queryKey: metaKeys.all,
  queryFn: () => unwrap(api.meta.$get()),
  staleTime: 5 * 60_000,
});

export function useMeta() {
  return useQuery(metaQuery);
}

export type TaxonomyKind = 'fields' | 'ministries' | 'pillars' | 'instruments' | 'statuses' | 'healths' | 'deadlines';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ja';
}

/** The localized name of a taxonomy item; the code itself while the taxonomy loads. */
export function useNamer() {
  const language = useLanguage();
  const { data } = useMeta();
  return (kind: TaxonomyKind, code: string): string => {
    const item = data?.[kind].find((x) => x.code === code);
    return item ? nameOf(item, language) : code;
  };
}

/** A measure's or milestone's title in the page language. */
export function titleOf(item: { titleJa: string; titleEn: string }, language: Language): string {
  return language === 'en' ? item.titleEn : item.titleJa;
}

export function nameOf(item: TaxonomyItemDto, language: Language): string {
  return language === 'en' ? item.nameEn : item.nameJa;
}

export type Meta = MetaResponse;

/**
 * The deadlines or meetings a select offers: those in force, and a retired one only when it is the one
 * chosen already (an old link), so that the select still shows it (docs/decisions/026).
 */
export function offeredChoices<T extends { code: string; retired: boolean }>(items: readonly T[], selected?: string): T[] {
  return items.filter((item) => !item.retired || item.code === selected);
}
