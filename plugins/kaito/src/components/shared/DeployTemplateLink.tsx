import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { createFromTemplateRouteRef, DEPLOY_LLM_TEMPLATE } from '../../routes';
import { kaitoTranslationRef } from '../../translation';

/**
 * "Deploy LLM" template, linked to its scaffolder page when the app binds
 * `createFromTemplate`; plain text otherwise.
 *
 * @internal
 */
export const DeployTemplateLink = () => {
  const { t } = useTranslationRef(kaitoTranslationRef);
  const templateRoute = useOptionalRouteRef(createFromTemplateRouteRef);
  const text = t('deployTemplate');
  return templateRoute ? (
    <Link to={templateRoute(DEPLOY_LLM_TEMPLATE)}>{text}</Link>
  ) : (
    <>{text}</>
  );
};
