import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  kaitoWorkspaceCreatePermission,
  type WorkspaceDetails,
} from '@kaito-backstage/plugin-kaito-common';
import { CopyButton } from '../shared/CopyButton';
import { DeployAdapterDialog } from './lib/DeployAdapterDialog';
import { tunedAdapterImage } from './lib/deployRequest';
import { pinImage } from '../../lib/pinImage';
import { cardHeading } from '../shared/cardHeading';

/**
 * A tuning workspace's job: progress through its steps, the output adapter
 * image, and "Deploy with this adapter" once the job succeeded.
 *
 * @public
 */
export const TuningView = ({ workspace }: { workspace: WorkspaceDetails }) => {
  // Asked about this job: a policy lets the job's owners deploy its adapter.
  const { allowed: mayCreate } = usePermission({
    permission: kaitoWorkspaceCreatePermission,
    resourceRef: workspace.key,
  });
  const [deploying, setDeploying] = useState(false);
  const done = workspace.steps.filter(step => step.status === 'done').length;
  const failed = workspace.steps.find(step => step.status === 'failed');
  const succeeded = workspace.state === 'Succeeded';
  const output = workspace.images.find(image => image.role === 'output');
  const outputImage = tunedAdapterImage(workspace);
  const tuning = workspace.workspace.tuning;
  return (
    <InfoCard titleTypographyProps={cardHeading} title="Fine-tuning job">
      <Typography variant="body2" gutterBottom>
        {tuning
          ? `${tuning.method.toUpperCase()} of ${tuning.preset.name}`
          : 'Tuning'}{' '}
        · {done} of {workspace.steps.length} steps done
      </Typography>
      <LinearProgress
        variant="determinate"
        value={
          workspace.steps.length ? (done / workspace.steps.length) * 100 : 0
        }
        color={failed ? 'secondary' : 'primary'}
        aria-label="Tuning progress"
      />
      {failed && (
        <Alert severity="error" style={{ marginTop: 16 }}>
          {failed.title} failed{failed.reason ? ` (${failed.reason})` : ''}:{' '}
          {failed.message ?? 'see the events'}
        </Alert>
      )}
      <Box mt={2}>
        <Typography variant="overline" color="textSecondary" component="div">
          Output image
        </Typography>
        {outputImage ? (
          <Typography variant="body2" component="div">
            <code>{outputImage}</code>
            {output?.digest && (
              <>
                {' '}
                <code>{output.digest}</code>
                <CopyButton
                  text={pinImage(outputImage, output.digest)}
                  label="Copy adapter image by digest"
                />
              </>
            )}
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            The job writes to a volume, not an image.
          </Typography>
        )}
      </Box>
      {mayCreate && outputImage && (
        <Box mt={2}>
          <Button
            variant="contained"
            color="primary"
            disabled={!succeeded}
            onClick={() => setDeploying(true)}
          >
            Deploy with this adapter
          </Button>
          {!succeeded && (
            <Typography
              variant="caption"
              color="textSecondary"
              style={{ marginLeft: 8 }}
            >
              Available once the job has succeeded.
            </Typography>
          )}
        </Box>
      )}
      {deploying && (
        <DeployAdapterDialog
          tuning={workspace}
          open={deploying}
          onClose={() => setDeploying(false)}
        />
      )}
    </InfoCard>
  );
};
