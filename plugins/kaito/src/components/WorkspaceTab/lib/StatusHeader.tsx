import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import FiberManualRecordIcon from '@material-ui/icons/FiberManualRecord';
import type { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import { liveCostSoFar } from '../../../lib/liveCostSoFar';
import { ConditionStatus } from '../../shared/ConditionStatus';
import { WorkspaceStateChip } from '../../shared/WorkspaceStateChip';
import { EntityLink } from '../../shared/EntityLink';
import { formatAge, formatCost, formatCostPerHour } from '../../../lib/format';
import { cardHeading } from '../../shared/cardHeading';
import { StateAnnouncer } from './StateAnnouncer';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { kaitoTranslationRef } from '../../../translation';

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <Grid item xs={6} sm={4} md>
    <Typography variant="overline" component="div" color="textSecondary">
      {label}
    </Typography>
    <Typography variant="body2" component="div">
      {children}
    </Typography>
  </Grid>
);

/**
 * The workspace's state and the columns `kubectl get workspace` prints, with
 * age and cost per hour. `live` shows whether the stream is connected.
 *
 * @internal
 */
export const StatusHeader = (props: {
  workspace: WorkspaceDetails;
  live: boolean;
  nowMs: number;
  action?: ReactNode;
}) => {
  const { workspace, live, nowMs, action } = props;
  const { t } = useTranslationRef(kaitoTranslationRef);
  const tuning = workspace.kind === 'tuning';
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title={
        <Box
          component="span"
          display="flex"
          alignItems="center"
          style={{ gap: 12 }}
        >
          <span>{workspace.ref.name}</span>
          <WorkspaceStateChip
            state={workspace.state}
            deleting={workspace.deleting}
          />
          <Tooltip
            title={
              live
                ? t('workspace.liveTooltip')
                : t('workspace.reconnectingTooltip')
            }
          >
            <FiberManualRecordIcon
              fontSize="small"
              aria-label={live ? 'live' : 'reconnecting'}
              titleAccess={live ? 'live' : 'reconnecting'}
              style={{ color: live ? '#2e7d32' : '#9e9e9e' }}
            />
          </Tooltip>
        </Box>
      }
      subheader={`${workspace.key} · ${
        tuning ? 'fine-tuning' : 'inference'
      } · ${workspace.preset ?? 'custom template'} · ${workspace.runtime}`}
      action={action}
    >
      <Grid container spacing={2}>
        <Field label="Instance">
          {workspace.instanceType ?? 'bring your own nodes'}
        </Field>
        <Field label="Resource ready">
          <ConditionStatus value={workspace.columns.resourceReady} />
        </Field>
        {tuning ? (
          <Field label="Job started">
            <ConditionStatus value={workspace.columns.jobStarted} />
          </Field>
        ) : (
          <Field label="Inference ready">
            <ConditionStatus value={workspace.columns.inferenceReady} />
          </Field>
        )}
        <Field label="Workspace succeeded">
          <ConditionStatus value={workspace.columns.workspaceSucceeded} />
        </Field>
        <Field label="Nodes · GPUs">
          {workspace.targetNodeCount} · {workspace.gpuCount}
        </Field>
        <Field label="Age">{formatAge(workspace.createdAt, nowMs)}</Field>
        <Field label="Cost per hour">
          {formatCostPerHour(workspace.costPerHour, workspace.currency)}
        </Field>
        <Field label="Cost so far">
          {formatCost(liveCostSoFar(workspace, nowMs), workspace.currency)}
          {workspace.costStoppedAt ? ' (stopped)' : ''}
        </Field>
        <Field label="Owner">
          {workspace.owner ? (
            <EntityLink entityRef={workspace.owner} defaultKind="group" />
          ) : (
            '-'
          )}
        </Field>
      </Grid>
      <StateAnnouncer workspace={workspace} />
    </InfoCard>
  );
};
