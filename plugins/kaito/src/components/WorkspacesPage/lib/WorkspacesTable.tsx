import { Link, Table, TableColumn } from '@backstage/core-components';
import type { WorkspaceSummary } from '@kaito-backstage/plugin-kaito-common';
import { ConditionStatus } from '../../shared/ConditionStatus';
import { WorkspaceStateChip } from '../../shared/WorkspaceStateChip';
import { EntityLink } from '../../shared/EntityLink';
import { formatAge, formatCost, formatCostPerHour } from '../../../lib/format';
import { liveCostSoFar } from '../../../lib/liveCostSoFar';

/** Every workspace in a sortable table; names link to their detail view. @internal */
export const WorkspacesTable = (props: {
  items: WorkspaceSummary[];
  nowMs: number;
  linkTo: (key: string) => string;
  title: string;
}) => {
  const { items, nowMs, linkTo, title } = props;
  const columns: TableColumn<WorkspaceSummary>[] = [
    {
      title: 'Name',
      field: 'ref.name',
      highlight: true,
      render: row => <Link to={linkTo(row.key)}>{row.ref.name}</Link>,
    },
    {
      title: 'Where',
      field: 'ref.cluster',
      render: row => `${row.ref.cluster}/${row.ref.namespace}`,
    },
    {
      title: 'Preset',
      field: 'preset',
      render: row =>
        `${row.preset ?? 'custom'}${row.kind === 'tuning' ? ' (tuning)' : ''}`,
    },
    {
      title: 'State',
      width: '9%',
      field: 'state',
      render: row => (
        <WorkspaceStateChip state={row.state} deleting={row.deleting} />
      ),
    },
    {
      title: 'Instance',
      field: 'instanceType',
      emptyValue: 'BYO',
      width: '18%',
    },
    {
      title: 'Ready',
      width: '9%',
      render: row => (
        <ConditionStatus
          value={
            row.kind === 'tuning'
              ? row.columns.workspaceSucceeded
              : row.columns.inferenceReady
          }
        />
      ),
    },
    { title: 'GPUs', field: 'gpuCount', type: 'numeric', width: '6%' },
    {
      title: 'Cost/h',
      field: 'costPerHour',
      type: 'numeric',
      render: row => formatCostPerHour(row.costPerHour, row.currency),
    },
    {
      title: 'Cost so far',
      field: 'costSoFar',
      type: 'numeric',
      render: row => formatCost(liveCostSoFar(row, nowMs), row.currency),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: row =>
        row.owner ? <EntityLink entityRef={row.owner} defaultKind="group" /> : '-',
    },
    {
      title: 'Age',
      width: '6%',
      field: 'createdAt',
      render: row => formatAge(row.createdAt, nowMs),
    },
  ];
  return (
    <Table<WorkspaceSummary>
      title={title}
      options={{
        paging: items.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
        // Column drag handles sit inside the sort buttons: nested controls
        // that keyboard and screen-reader users cannot tell apart (axe).
        draggable: false,
      }}
      columns={columns}
      data={items}
    />
  );
};
