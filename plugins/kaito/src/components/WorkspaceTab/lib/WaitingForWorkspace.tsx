import { InfoCard } from '@backstage/core-components';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { cardHeading } from '../../shared/cardHeading';

/**
 * Shown while a workspace that was linked to (a fresh Create, an entity made
 * first) does not exist in its cluster yet; the view replaces it as soon as
 * the workspace appears.
 *
 * @internal
 */
export const WaitingForWorkspace = ({
  workspaceKey,
}: {
  workspaceKey: string;
}) => (
  <InfoCard
    titleTypographyProps={cardHeading}
    title="Waiting for the workspace to appear"
  >
    <div role="status" aria-live="polite" data-testid="workspace-waiting">
      <Typography variant="body2" paragraph>
        {`${workspaceKey} does not exist yet. This page updates by itself when it appears; a workspace that was just requested shows within seconds.`}
      </Typography>
      <LinearProgress aria-label="Waiting for the workspace" />
    </div>
  </InfoCard>
);
