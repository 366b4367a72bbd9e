import { useEffect, useState } from 'react';
import { Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
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
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { useWorkspaceLink } from '../../hooks/useWorkspaceLink';
import { kaitoTranslationRef } from '../../translation';
import { DeployTemplateLink } from '../shared/DeployTemplateLink';
import { useWorkspaceList } from '../../hooks/useWorkspaceList';
import { formatCostPerHour } from '../../lib/format';
import { WorkspaceTab } from '../WorkspaceTab/WorkspaceTab';
import {
  workspaceListFacets,
  workspaceListTotals,
} from '@kaito-backstage/plugin-kaito-common';
import {
  lastPageOffset,
  listFilterOfView,
  PAGE_SIZES,
  searchParamsOfView,
  viewFromSearchParams,
  WorkspaceListView,
  withFilters,
  withPage,
  withSort,
} from './lib/listSearchParams';
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
}) => {
  const { t } = useTranslationRef(kaitoTranslationRef);
  // Test ids stay English whatever the language.
  const totals: [string, string, string][] = [
    ['workspaces', t('workspacesPage.totals.workspaces'), String(props.count)],
    ['gpus', t('workspacesPage.totals.gpus'), String(props.gpus)],
    [
      'cost-per-hour',
      t('workspacesPage.totals.costPerHour'),
      `${formatCostPerHour(props.costPerHour, props.currency)}${
        props.unpriced
          ? t('workspacesPage.totals.unpriced', {
              unpriced: String(props.unpriced),
            })
          : ''
      }`,
    ],
  ];
  return (
  <InfoCard>
    <Grid container spacing={2}>
      {totals.map(([id, label, value]) => (
        <Grid item xs={4} key={id}>
          <Typography variant="overline" color="textSecondary" component="div">
            {label}
          </Typography>
          <Typography
            variant="h5"
            component="div"
            data-testid={`total-${id}`}
          >
            {value}
          </Typography>
        </Grid>
      ))}
    </Grid>
  </InfoCard>
  );
};

const WorkspaceList = () => {
  const { t } = useTranslationRef(kaitoTranslationRef);
  const workspaceLink = useWorkspaceLink() ?? ((key: string) => key);
  // Filters, sort and page live in the URL, so a view can be shared and survives a reload.
  const [searchParams, setSearchParams] = useSearchParams();
  const view = viewFromSearchParams(searchParams);
  const show = (next: WorkspaceListView) =>
    setSearchParams(searchParamsOfView(next, searchParams), { replace: true });
  // One stream for the page shown: a new filter, sort or page reopens it with the new query.
  const { value, loading, error } = useWorkspaceList(listFilterOfView(view));
  const [nowMs, setNowMs] = useState(() => Date.now());
  useInterval(() => setNowMs(Date.now()), CLOCK_MS);

  // The list shrank under the page shown (workspaces went): show its last page instead.
  const total = value?.total ?? value?.items.length ?? 0;
  const clampedOffset = value ? lastPageOffset(view, total) : undefined;
  useEffect(() => {
    if (clampedOffset !== undefined) {
      setSearchParams(
        searchParamsOfView({ ...view, offset: clampedOffset }, searchParams),
        { replace: true },
      );
    }
    // Only the offset the server's total calls for matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clampedOffset]);

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <ResponseErrorPanel error={error} />;
  }
  const items = value?.items ?? [];
  // A backend without totals or facets answers the whole list: add it up here.
  const totals = value?.totals ?? workspaceListTotals(items);
  const facets = value?.facets ?? workspaceListFacets(items);
  const { cluster, state, owner, q } = view.filters;
  const filtered = Boolean(cluster || state || owner || q.trim());
  return (
    <Grid container spacing={3}>
      <ClusterPermissionsAlert />
      {error && value && (
        <Grid item xs={12}>
          <Alert severity="info" data-testid="list-reconnecting">
            {t('workspacesPage.reconnecting', { message: error.message })}
          </Alert>
        </Grid>
      )}
      {value?.errors.map(clusterError => (
        <Grid item xs={12} key={clusterError.cluster}>
          <Alert severity="warning">
            {t('workspacesPage.clusterUnreadable', {
              cluster: clusterError.cluster,
              message: clusterError.message,
            })}
          </Alert>
        </Grid>
      ))}
      <Grid item xs={12}>
        <WorkspaceFiltersBar
          filters={view.filters}
          clusters={facets.clusters}
          owners={facets.owners}
          onChange={filters => show(withFilters(view, filters))}
        />
      </Grid>
      <Grid item xs={12}>
        <Totals {...totals} />
      </Grid>
      <Grid item xs={12}>
        {/* Every readable workspace has a cluster: none listed means there is none at all. */}
        {facets.clusters.length === 0 && !filtered ? (
          <InfoCard
            titleTypographyProps={cardHeading}
            title={t('workspacesPage.emptyTitle')}
          >
            <Typography variant="body2">
              {t('workspacesPage.emptyText', {
                template: <DeployTemplateLink />,
              })}
            </Typography>
          </InfoCard>
        ) : (
          <WorkspacesTable
            title={
              filtered
                ? t('workspacesPage.tableTitleFiltered', {
                    total: String(total),
                  })
                : t('workspacesPage.tableTitleAll', { total: String(total) })
            }
            items={items}
            nowMs={nowMs}
            linkTo={workspaceLink}
            sort={{ sort: view.sort, order: view.order }}
            onSortChange={next => show(withSort(view, next.sort, next.order))}
            page={{
              total,
              offset: view.offset,
              limit: view.limit,
              sizes: PAGE_SIZES,
              onPageChange: (page, limit) => show(withPage(view, page, limit)),
            }}
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
  const { t } = useTranslationRef(kaitoTranslationRef);
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <Page themeId="tool">
      <Header
        title={t('workspacesPage.title')}
        subtitle={t('workspacesPage.subtitle')}
      />
      <Content>
        <ContentHeader title="">
          <Button
            startIcon={<RefreshIcon />}
            onClick={() => setRefreshKey(k => k + 1)}
          >
            {t('workspacesPage.refresh')}
          </Button>
          <SupportButton>{t('workspacesPage.support')}</SupportButton>
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
