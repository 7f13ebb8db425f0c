import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeasureDetail } from '../lib/measure-writes';
import { titleOf, useLanguage, useNamer } from '../lib/meta';
import type { SessionUser } from '../lib/session';
import { writesMeasures } from '../../common/roles';

/** Another ministry's measure, or a read-only role: said plainly, with the way back (the server answers 403 too). */
export function EditRefusal({ measure, user }: { measure: MeasureDetail; user: SessionUser }) {
  const { t } = useTranslation();
  const name = useNamer();
  const language = useLanguage();
  const readOnly = !writesMeasures(user.role);
  return (
    <section className="narrow-page refusal" aria-labelledby="refusal-heading" data-testid="refusal">
      <h1 id="refusal-heading">{t('report.forbiddenTitle')}</h1>
      <div className="form-alert" role="alert">
        <p>
          <strong>
            {measure.code} {titleOf(measure, language)}
          </strong>
        </p>
        <p>{t('report.forbidden', { ministry: name('ministries', measure.leadMinistry) })}</p>
        {readOnly && <p>{t('report.readOnlyRole', { role: t(`roles.${user.role}`) })}</p>}
      </div>
      <p>
        <Link to={`/measures/${measure.code}`}>{t('report.backToMeasure')}</Link>
      </p>
    </section>
  );
}
