import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, readApiError } from '../../../lib/api-client';
import type { Language } from '../../../lib/i18n';
import { invalidateAfterWrite } from '../../../lib/measure-writes';

// The survey-form round trip's requests (docs/product.md §4): the upload is a dry run the server
// keeps; applying it writes every report at once, so every cached measure and figure is stale after.

/** The template's address: a plain link, so the browser downloads it with the session cookie. */
export function templateHref(language: Language): string {
  return `/api/v1/imports/template.xlsx?lang=${language}`;
}

export function useUploadSurvey(language: Language) {
  return useMutation({
    mutationFn: async (file: File) => {
      const body = new FormData();
      body.append('file', file);
      // The multipart body goes in `init`: the typed client builds only JSON and form-field bodies.
      const res = await api.imports.$post({ query: { lang: language } }, { init: { body } });
      if (res.status !== 201) throw await readApiError(res);
      return res.json();
    },
  });
}

export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const res = await api.imports[':id'].apply.$post({ param: { id } });
      if (res.status !== 200) throw await readApiError(res);
      return res.json();
    },
    onSuccess: () => invalidateAfterWrite(queryClient),
  });
}
