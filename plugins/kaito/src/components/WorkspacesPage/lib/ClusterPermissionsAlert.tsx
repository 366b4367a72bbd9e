import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import useAsync from 'react-use/esm/useAsync';
import { NO_CLUSTERS_GUIDANCE } from '@kaito-backstage/plugin-kaito-common';
import type { ClusterSummary } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../../api/KaitoApi';

const MissingPermissions = ({ cluster }: { cluster: ClusterSummary }) => {
  const check = cluster.permissions!;
  const fixes = [...new Set(check.missing.map(p => p.fix))];
  return (
    <Alert severity="error" data-testid={`permissions-${cluster.name}`}>
      <AlertTitle>
        Cluster {cluster.title} is missing {check.missing.length} permission
        {check.missing.length === 1 ? '' : 's'}
      </AlertTitle>
      <ul>
        {check.missing.map(p => (
          <li key={p.description}>
            <code>{p.description}</code>, needed for {p.usedFor}
          </li>
        ))}
      </ul>
      {fixes.map(fix => (
        <Typography variant="body2" key={fix}>
          Fix: {fix}
        </Typography>
      ))}
    </Alert>
  );
};

/** The portal manages no cluster: say how to add one. */
const NoClusters = () => (
  <Grid item xs={12}>
    <Alert severity="info" data-testid="no-clusters">
      <AlertTitle>No clusters configured</AlertTitle>
      {NO_CLUSTERS_GUIDANCE}
    </Alert>
  </Grid>
);

/** `mode` unset and not yet decided: say so rather than let a default pass for builtin. */
const DetectingMode = ({ cluster }: { cluster: ClusterSummary }) => (
  <Grid item xs={12}>
    <Alert severity="info" data-testid={`mode-${cluster.name}`}>
      Cluster {cluster.title}: still finding out whether Kaito&apos;s operator
      runs there (observe mode) or this portal reconciles workspaces (builtin
      mode); nothing is reconciled there until it knows.
      {cluster.error && cluster.error !== 'connecting' ? ` ${cluster.error}` : ''}
    </Alert>
  </Grid>
);

/**
 * What the start-up checks found on each cluster: a mode not yet decided, the
 * missing permissions with the fix, or why the check could not run; how to add
 * a cluster when there is none. Nothing when every cluster has what it needs;
 * the page works without it on failure.
 *
 * @internal
 */
export const ClusterPermissionsAlert = () => {
  const kaitoApi = useApi(kaitoApiRef);
  const { value: clusters } = useAsync(() => kaitoApi.listClusters(), [kaitoApi]);
  if (clusters?.length === 0) return <NoClusters />;
  const detecting = (clusters ?? []).filter(c => c.mode === 'detecting');
  const flagged = (clusters ?? []).filter(c => c.permissions && c.permissions.state !== 'ok');
  if (flagged.length === 0 && detecting.length === 0) return null;
  return (
    <>
      {detecting.map(cluster => (
        <DetectingMode cluster={cluster} key={cluster.name} />
      ))}
      {flagged.map(cluster => (
        <Grid item xs={12} key={cluster.name}>
          {cluster.permissions!.state === 'missing' ? (
            <MissingPermissions cluster={cluster} />
          ) : (
            <Alert severity="warning" data-testid={`permissions-${cluster.name}`}>
              Could not check the permissions of cluster {cluster.title}:{' '}
              {cluster.permissions!.reason}
            </Alert>
          )}
        </Grid>
      ))}
    </>
  );
};
