import { useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { KAITO_WORKSPACE_ANNOTATION } from '@kaito-backstage/plugin-kaito-common';
import { kaitoTranslationRef } from '../../translation';
import { DeployTemplateLink } from '../shared/DeployTemplateLink';
import { useLinkedWorkspaces } from '../../hooks/useLinkedWorkspaces';
import { WorkspaceTab } from '../WorkspaceTab/WorkspaceTab';
import { InferenceSetPanel, useLiveReplicaKeys } from '../InferenceSetPanel';
import { stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The "LLM workspace" tab of an entity page: the workspace its
 * `backstage.kaito.sh/workspace` annotation names, or those linked to it, with a
 * selector when there are several.
 *
 * @public
 */
export const EntityKaitoContent = () => {
  const { t } = useTranslationRef(kaitoTranslationRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const linked = useLinkedWorkspaces(entity);
  // The picker follows the InferenceSet panel's live reading of replicas, not only the lookup.
  const { keys, onSets } = useLiveReplicaKeys(linked.keys);
  const [selected, setSelected] = useState<string>();

  if (linked.loading) {
    return <Progress />;
  }
  if (linked.error) {
    return <ResponseErrorPanel error={linked.error} />;
  }
  const current = selected && keys.includes(selected) ? selected : keys[0];
  return (
    <>
      <InferenceSetPanel entityRef={entityRef} workspaceKeys={linked.keys} onSets={onSets} />
      {keys.length > 1 && (
        <Box mb={2} display="flex" alignItems="center" style={{ gap: 16 }}>
          <TextField
            select
            size="small"
            variant="outlined"
            id="kaito-workspace-selector"
            label={t('entityContent.selectorLabel')}
            value={current}
            onChange={e => setSelected(e.target.value)}
            style={{ minWidth: 320 }}
            SelectProps={{
              inputProps: { 'data-testid': 'workspace-selector' },
            }}
          >
            {keys.map(key => (
              <MenuItem key={key} value={key}>
                {key}
              </MenuItem>
            ))}
          </TextField>
          <Typography variant="body2" color="textSecondary">
            {t('entityContent.selectorCount', {
              number: String(keys.length),
            })}
          </Typography>
        </Box>
      )}
      {current ? (
        <WorkspaceTab key={current} workspaceKey={current} />
      ) : (
        <EmptyState
          missing="info"
          title={t('entityContent.emptyTitle')}
          description={t('entityContent.emptyDescription', {
            template: <DeployTemplateLink />,
            annotation: (
              <code>
                {KAITO_WORKSPACE_ANNOTATION}: &lt;cluster&gt;/&lt;namespace&gt;/&lt;name&gt;
              </code>
            ),
          })}
        />
      )}
    </>
  );
};
