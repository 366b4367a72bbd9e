import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import type { WorkspaceRef } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../../api/KaitoApi';
import { errorMessage } from '../../../lib/errorMessage';
import { CopyButton } from '../../shared/CopyButton';
import { cardHeading } from '../../shared/cardHeading';

const TAIL_LINES = 200;

/**
 * The last lines of the workspace's main container log, loaded on request
 * (a log read goes to the cluster's API server).
 *
 * @internal
 */
export const LogsCard = ({ workspaceRef }: { workspaceRef: WorkspaceRef }) => {
  const kaitoApi = useApi(kaitoApiRef);
  const [requested, setRequested] = useState(false);
  const [{ value, loading, error }, load] = useAsyncFn(
    () => kaitoApi.getLogs(workspaceRef, { tailLines: TAIL_LINES }),
    [kaitoApi, workspaceRef.cluster, workspaceRef.namespace, workspaceRef.name],
  );
  const fetchLogs = () => {
    setRequested(true);
    load();
  };
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Logs"
      subheader={`Last ${TAIL_LINES} lines of the model server`}
      action={
        <Box display="flex" alignItems="center">
          {value && <CopyButton text={value} label="Copy logs" />}
          <Button onClick={fetchLogs} disabled={loading}>
            {requested ? 'Refresh' : 'Show logs'}
          </Button>
        </Box>
      }
    >
      {loading && <LinearProgress />}
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      {value !== undefined && !error && (
        <Box
          component="pre"
          aria-label="Model server log"
          style={{
            maxHeight: 360,
            overflow: 'auto',
            margin: 0,
            fontSize: 12,
            whiteSpace: 'pre-wrap',
          }}
        >
          {value || 'The log is empty.'}
        </Box>
      )}
      {!requested && (
        <Typography variant="body2" color="textSecondary">
          Load the log to see what the model server printed, e.g. why it
          restarts.
        </Typography>
      )}
    </InfoCard>
  );
};
