import { useParams } from 'react-router';
import { EditableMeasureLoader } from '../../../components/editable-measure-loader';
import { Skeleton } from '../../../components/query-state';
import { RequireSession } from '../../../components/require-session';
import type { EditableMeasure } from '../../../lib/measure-writes';
import { useMeta } from '../../../lib/meta';
import { jstDateOf } from '../../../../common/calendar';
import { ReportForm } from './report-form';

/** The ministry lead's report form (docs/product.md §5) at /measures/:code/report. */
export function ReportPage() {
  const { code = '' } = useParams();
  return (
    <RequireSession>
      {(user) => (
        <EditableMeasureLoader code={code} user={user}>
          {(editable) => <ReportFormWithMeta editable={editable} />}
        </EditableMeasureLoader>
      )}
    </RequireSession>
  );
}

/** The form waits for the taxonomy too (its status and health names, today's date). */
function ReportFormWithMeta({ editable }: { editable: EditableMeasure }) {
  const meta = useMeta();
  if (meta.isPending) return <Skeleton height={480} />;
  const { measure } = editable;
  // Keyed by the measure: another measure's form starts afresh.
  return (
    <ReportForm
      key={measure.code}
      initial={editable}
      kpis={measure.kpis}
      latestReport={measure.reports[0] ?? null}
      today={meta.data?.today ?? jstDateOf(new Date())}
    />
  );
}
