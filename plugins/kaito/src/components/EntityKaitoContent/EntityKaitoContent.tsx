import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  isKaitoWorkspaceAvailable,
  KAITO_WORKSPACE_ANNOTATION,
} from '../../annotations';

/**
 * The Kaito tab of an entity page: the status of the workspace the entity's
 * `kaito.sh/workspace` annotation names.
 */
export const EntityKaitoContent = () => {
  const { entity } = useEntity();
  if (!isKaitoWorkspaceAvailable(entity)) {
    return <MissingAnnotationEmptyState annotation={KAITO_WORKSPACE_ANNOTATION} />;
  }
  const ref = entity.metadata.annotations![KAITO_WORKSPACE_ANNOTATION];
  return (
    <InfoCard title="Kaito workspace">
      <Typography variant="body1">{ref}</Typography>
    </InfoCard>
  );
};
