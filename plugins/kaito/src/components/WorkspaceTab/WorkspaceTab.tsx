import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { RequirePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import useInterval from 'react-use/esm/useInterval';
import { useState } from 'react';
import {
  kaitoWorkspaceReadPermission,
  parseWorkspaceKey,
} from '@kaito-backstage/plugin-kaito-common';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { useWorkspaceStream } from '../../hooks/useWorkspaceStream';
import { kaitoTranslationRef } from '../../translation';
import { ChatPanel } from '../ChatPanel/ChatPanel';
import { TuningView } from '../TuningView/TuningView';
import { ActivityCard } from './lib/ActivityCard';
import { BenchmarkCard } from './lib/BenchmarkCard';
import { DeleteWorkspaceButton } from './lib/DeleteWorkspaceButton';
import {
  EditWorkspaceButton,
  FailedWorkspaceAlert,
} from './lib/EditWorkspaceDialog';
import { EndpointCard } from './lib/EndpointCard';
import { LogsCard } from './lib/LogsCard';
import { ProvisioningTimeline } from './lib/ProvisioningTimeline';
import {
  EventsCard,
  ImagesCard,
  NodesCard,
  PodsCard,
} from './lib/ResourceCards';
import { StatusHeader } from './lib/StatusHeader';
import { WaitingForWorkspace } from './lib/WaitingForWorkspace';

const WorkspaceDetailsView = ({ workspaceKey }: { workspaceKey: string }) => {
  const { t } = useTranslationRef(kaitoTranslationRef);
  const ref = parseWorkspaceKey(workspaceKey);
  const { workspace, loading, error, deleted, waiting, live } =
    useWorkspaceStream(ref);
  const [nowMs, setNowMs] = useState(() => Date.now());
  useInterval(() => setNowMs(Date.now()), 30_000);

  if (!ref) {
    return (
      <Alert severity="error">
        {t('workspace.invalidKey', { key: workspaceKey })}
      </Alert>
    );
  }
  if (deleted) {
    return (
      <EmptyState
        missing="data"
        title={t('workspace.deletedTitle')}
        description={t('workspace.deletedDescription', { key: workspaceKey })}
      />
    );
  }
  if (waiting) {
    return <WaitingForWorkspace workspaceKey={workspaceKey} />;
  }
  if (loading) {
    return <Progress />;
  }
  if (error || !workspace) {
    return (
      <ResponseErrorPanel
        error={error ?? new Error(t('workspace.noData', { key: workspaceKey }))}
      />
    );
  }
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <StatusHeader
          workspace={workspace}
          live={live}
          nowMs={nowMs}
          action={
            <Box display="flex" style={{ gap: 8 }}>
              <EditWorkspaceButton workspace={workspace} />
              <DeleteWorkspaceButton workspace={workspace} />
            </Box>
          }
        />
      </Grid>
      {workspace.state === 'Failed' && (
        <Grid item xs={12}>
          <FailedWorkspaceAlert workspace={workspace} />
        </Grid>
      )}
      {workspace.warnings.length > 0 && (
        <Grid item xs={12}>
          {workspace.warnings.map(warning => (
            <Alert
              key={`${warning.path}:${warning.message}`}
              severity={warning.severity === 'error' ? 'error' : 'warning'}
            >
              {warning.path}: {warning.message}
            </Alert>
          ))}
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <ProvisioningTimeline steps={workspace.steps} />
      </Grid>
      <Grid item xs={12} md={8}>
        {workspace.kind === 'tuning' ? (
          <TuningView workspace={workspace} />
        ) : (
          <ChatPanel workspace={workspace} />
        )}
      </Grid>
      {workspace.kind === 'inference' && (
        <Grid item xs={12}>
          <EndpointCard endpoint={workspace.endpoint} />
        </Grid>
      )}
      {workspace.workspace.status?.performance?.metrics &&
        Object.keys(workspace.workspace.status.performance.metrics).length >
          0 && (
          <Grid item xs={12}>
            <BenchmarkCard
              metrics={workspace.workspace.status.performance.metrics}
            />
          </Grid>
        )}
      <Grid item xs={12} lg={6}>
        <NodesCard nodes={workspace.nodes} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <PodsCard pods={workspace.pods} />
      </Grid>
      <Grid item xs={12}>
        <EventsCard events={workspace.events} />
      </Grid>
      <Grid item xs={12}>
        <ImagesCard images={workspace.images} />
      </Grid>
      <Grid item xs={12}>
        <LogsCard workspaceRef={workspace.ref} />
      </Grid>
      <Grid item xs={12}>
        <ActivityCard workspaceKey={workspace.key} />
      </Grid>
    </Grid>
  );
};

/**
 * Everything about one workspace, live: status, provisioning, chat or the
 * tuning job, endpoint, nodes, pods, events and images. Needs
 * `kaito.workspace.read` on the workspace.
 *
 * @public
 */
export const WorkspaceTab = ({ workspaceKey }: { workspaceKey: string }) => (
  <RequirePermission
    permission={kaitoWorkspaceReadPermission}
    resourceRef={workspaceKey}
    errorPage={
      <WarningPanel
        severity="error"
        title="Not allowed"
        message={`You may not see the workspace ${workspaceKey} (kaito.workspace.read).`}
      />
    }
  >
    <WorkspaceDetailsView workspaceKey={workspaceKey} />
  </RequirePermission>
);
