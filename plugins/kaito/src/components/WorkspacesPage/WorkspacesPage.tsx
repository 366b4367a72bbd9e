import { useState } from 'react';
import { Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import RefreshIcon from '@material-ui/icons/Refresh';
import useInterval from 'react-use/esm/useInterval';
import { useWorkspaceLink } from '../../hooks/useWorkspaceLink';
import { useWorkspaceList } from '../../hooks/useWorkspaceList';
import { formatCostPerHour } from '../../lib/format';
import { WorkspaceTab } from '../WorkspaceTab/WorkspaceTab';
import {
  distinctValues,
  filtersFromSearchParams,
  filterWorkspaces,
  searchParamsOfFilters,
  totalsOf,
} from './lib/filterWorkspaces';
import { WorkspaceFiltersBar } from './lib/WorkspaceFiltersBar';
import { WorkspacesTable } from './lib/WorkspacesTable';
import { ClusterPermissionsAlert } from './lib/ClusterPermissionsAlert';
import { cardHeading } from '../shared/cardHeading';

/** How often ages and costs so far are redrawn; the list itself is live. */
const CLOCK_MS = 30_000;

const Totals = (props: {
  gpus: number;
  costPerHour: number;
  unpriced: number;
  currency?: string;
  count: number;
}) => (
  <InfoCard>
    <Grid container spacing={2}>
      {[
        ['Workspaces', String(props.count)],
        ['GPUs', String(props.gpus)],
        [
          'Cost per hour',
          `${formatCostPerHour(props.costPerHour, props.currency)}${
            props.unpriced ? ` (+${props.unpriced} unpriced)` : ''
          }`,
        ],
      ].map(([label, value]) => (
        <Grid item xs={4} key={label}>
          <Typography variant="overline" color="textSecondary" component="div">
            {label}
          </Typography>
          <Typography
            variant="h5"
            component="div"
            data-testid={`total-${label.toLowerCase().replace(/ /g, '-')}`}
          >
            {value}
          </Typography>
        </Grid>
      ))}
    </Grid>
  </InfoCard>
);

const WorkspaceList = () => {
  const workspaceLink = useWorkspaceLink() ?? ((key: string) => key);
  const { value, loading, error } = useWorkspaceList();
  // Filters live in the URL, so a filtered list can be shared and survives a reload.
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearchParams(searchParams);
  const [nowMs, setNowMs] = useState(() => Date.now());
  useInterval(() => setNowMs(Date.now()), CLOCK_MS);

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <ResponseErrorPanel error={error} />;
  }
  const items = value?.items ?? [];
  const shown = filterWorkspaces(items, filters);
  return (
    <Grid container spacing={3}>
      <ClusterPermissionsAlert />
      {error && value && (
        <Grid item xs={12}>
          <Alert severity="info" data-testid="list-reconnecting">
            The live list lost its connection ({error.message}); reconnecting.
            The list below may be out of date.
          </Alert>
        </Grid>
      )}
      {value?.errors.map(clusterError => (
        <Grid item xs={12} key={clusterError.cluster}>
          <Alert severity="warning">
            Cluster {clusterError.cluster} could not be read:{' '}
            {clusterError.message}
          </Alert>
        </Grid>
      ))}
      <Grid item xs={12}>
        <WorkspaceFiltersBar
          filters={filters}
          clusters={distinctValues(items, item => item.ref.cluster)}
          owners={distinctValues(items, item => item.owner)}
          onChange={next =>
            setSearchParams(searchParamsOfFilters(next, searchParams), {
              replace: true,
            })
          }
        />
      </Grid>
      <Grid item xs={12}>
        <Totals {...totalsOf(shown)} count={shown.length} />
      </Grid>
      <Grid item xs={12}>
        {items.length === 0 ? (
          <InfoCard
            titleTypographyProps={cardHeading}
            title="No workspaces yet"
          >
            <Typography variant="body2">
              Request one with the{' '}
              <Link to="/create">"Deploy LLM" template</Link>.
            </Typography>
          </InfoCard>
        ) : (
          <WorkspacesTable
            title={
              shown.length === items.length
                ? `All workspaces (${items.length})`
                : `Workspaces (${shown.length} of ${items.length})`
            }
            items={shown}
            nowMs={nowMs}
            linkTo={workspaceLink}
          />
        )}
      </Grid>
    </Grid>
  );
};

const WorkspaceDetailsRoute = () => {
  const { cluster, namespace, name } = useParams();
  return <WorkspaceTab workspaceKey={`${cluster}/${namespace}/${name}`} />;
};

/**
 * The "LLM workspaces" page: every workspace across clusters with filters,
 * GPU and cost totals, and each workspace's live view under
 * `<cluster>/<namespace>/<name>`.
 *
 * @public
 */
export const WorkspacesPage = () => {
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <Page themeId="tool">
      <Header
        title="LLM workspaces"
        subtitle="Models running on the GPU clusters, with what they cost"
      />
      <Content>
        <ContentHeader title="">
          <Button
            startIcon={<RefreshIcon />}
            onClick={() => setRefreshKey(k => k + 1)}
          >
            Refresh
          </Button>
          <SupportButton>
            Kaito workspaces the portal manages or observes, on every configured
            cluster.
          </SupportButton>
        </ContentHeader>
        <Routes>
          <Route path="/" element={<WorkspaceList key={refreshKey} />} />
          <Route
            path="/:cluster/:namespace/:name"
            element={<WorkspaceDetailsRoute />}
          />
        </Routes>
      </Content>
    </Page>
  );
};
