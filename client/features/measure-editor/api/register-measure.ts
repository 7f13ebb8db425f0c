import { api, readApiError } from '../../../lib/api-client';
import type { EditableMeasure } from '../../../lib/measure-writes';

// 施策の新規登録 (POST /api/v1/measures, docs/decisions/023): the server gives the code and answers the
// measure at version 1 with its ETag.

export type MeasureRegistration = Parameters<typeof api.measures.$post>[0]['json'];

export async function registerMeasure(body: MeasureRegistration): Promise<EditableMeasure> {
  const res = await api.measures.$post({ json: body });
  if (!res.ok) throw await readApiError(res);
  const measure = await res.json();
  return { measure, etag: res.headers.get('ETag') ?? `"v${measure.version}"` };
}
