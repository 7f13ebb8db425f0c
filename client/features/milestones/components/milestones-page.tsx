import { useParams } from 'react-router';
import { EditableMeasureLoader } from '../../../components/editable-measure-loader';
import { RequireSession } from '../../../components/require-session';
import { MilestoneEditor } from './milestone-editor';

/** The milestone editor (docs/product.md §5) at /measures/:code/milestones: add one, reschedule one. */
export function MilestonesPage() {
  const { code = '' } = useParams();
  return (
    <RequireSession>
      {(user) => (
        <EditableMeasureLoader code={code} user={user}>
          {(editable) => <MilestoneEditor key={editable.measure.code} initial={editable} />}
        </EditableMeasureLoader>
      )}
    </RequireSession>
  );
}
