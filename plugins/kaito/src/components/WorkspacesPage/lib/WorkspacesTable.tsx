import { Link, Table, TableColumn } from '@backstage/core-components';
import TablePagination from '@material-ui/core/TablePagination';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import type {
  WorkspaceSortKey,
  WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';
import { ConditionStatus } from '../../shared/ConditionStatus';
import { WorkspaceStateChip } from '../../shared/WorkspaceStateChip';
import { EntityLink } from '../../shared/EntityLink';
import { formatAge, formatCost, formatCostPerHour } from '../../../lib/format';
import { liveCostSoFar } from '../../../lib/liveCostSoFar';
import { kaitoTranslationRef } from '../../../translation';

type Order = 'asc' | 'desc';

/** How the rows are sorted on the server; no key is the server's default (by key). */
interface WorkspaceTableSort {
  sort?: WorkspaceSortKey;
  order: Order;
}

/** Which page of how many rows the table shows; the server cut it. */
interface WorkspaceTablePage {
  total: number;
  offset: number;
  limit: number;
  sizes: ReadonlyArray<number>;
  onPageChange: (page: number, limit: number) => void;
}

/**
 * A column the server can sort by: its sort key, and whether the column's
 * ascending order is the key's descending one (age grows as createdAt falls).
 */
interface ServerSort {
  key: WorkspaceSortKey;
  inverted?: boolean;
}

const flip = (order: Order): Order => (order === 'asc' ? 'desc' : 'asc');

/**
 * The columns, each sortable on the server or not at all: sorting one page in
 * the browser would look like sorting the list and be wrong past it.
 */
function columnsOf(
  nowMs: number,
  linkTo: (key: string) => string,
): Array<TableColumn<WorkspaceSummary> & { serverSort?: ServerSort }> {
  return [
    {
      title: 'Name',
      field: 'ref.name',
      highlight: true,
      serverSort: { key: 'name' },
      render: row => <Link to={linkTo(row.key)}>{row.ref.name}</Link>,
    },
    {
      title: 'Where',
      field: 'ref.cluster',
      serverSort: { key: 'key' },
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
      serverSort: { key: 'state' },
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
    {
      title: 'GPUs',
      field: 'gpuCount',
      type: 'numeric',
      width: '6%',
      serverSort: { key: 'gpuCount' },
    },
    {
      title: 'Cost/h',
      field: 'costPerHour',
      type: 'numeric',
      serverSort: { key: 'costPerHour' },
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
      serverSort: { key: 'owner' },
      render: row =>
        row.owner ? (
          <EntityLink entityRef={row.owner} defaultKind="group" />
        ) : (
          '-'
        ),
    },
    {
      title: 'Age',
      width: '6%',
      field: 'createdAt',
      serverSort: { key: 'createdAt', inverted: true },
      render: row => formatAge(row.createdAt, nowMs),
    },
  ];
}

/**
 * One page of workspaces, sorted and cut by the server; names link to their
 * detail view. A column header sorts the whole list (the server's), and the
 * pagination below asks for another page.
 *
 * @internal
 */
export const WorkspacesTable = (props: {
  items: WorkspaceSummary[];
  nowMs: number;
  linkTo: (key: string) => string;
  title: string;
  sort?: WorkspaceTableSort;
  onSortChange?: (sort: WorkspaceTableSort) => void;
  page?: WorkspaceTablePage;
}) => {
  const { items, nowMs, linkTo, title, sort, onSortChange, page } = props;
  const { t } = useTranslationRef(kaitoTranslationRef);
  const columns = columnsOf(nowMs, linkTo).map(
    ({ serverSort, ...column }): TableColumn<WorkspaceSummary> => {
      if (!serverSort || !onSortChange) return { ...column, sorting: false };
      const active = sort?.sort === serverSort.key;
      return {
        ...column,
        // The rows come sorted: keep their order, only the arrow moves.
        customSort: () => 0,
        ...(active && sort
          ? { defaultSort: serverSort.inverted ? flip(sort.order) : sort.order }
          : {}),
      };
    },
  );
  const onOrderChange = (index: number, direction: Order | '') => {
    const serverSort = columnsOf(nowMs, linkTo)[index]?.serverSort;
    if (!onSortChange) return;
    if (!serverSort || !direction) {
      onSortChange({ order: 'asc' });
      return;
    }
    onSortChange({
      sort: serverSort.key,
      order: serverSort.inverted ? flip(direction) : direction,
    });
  };
  return (
    <>
      <Table<WorkspaceSummary>
        title={title}
        options={{
          paging: false,
          search: false,
          sorting: Boolean(onSortChange),
          padding: 'dense',
          // Column drag handles sit inside the sort buttons: nested controls
          // that keyboard and screen-reader users cannot tell apart (axe).
          draggable: false,
        }}
        columns={columns}
        data={items}
        onOrderChange={onOrderChange}
      />
      {page && (
        <TablePagination
          component="div"
          data-testid="workspaces-pagination"
          count={page.total}
          page={Math.floor(page.offset / page.limit)}
          rowsPerPage={page.limit}
          rowsPerPageOptions={[...page.sizes]}
          labelRowsPerPage={t('workspacesPage.pagination.rowsPerPage')}
          labelDisplayedRows={({ from, to, count }) =>
            t('workspacesPage.pagination.range', {
              from: String(from),
              to: String(to),
              total: String(count),
            })
          }
          onPageChange={(_event, next) => page.onPageChange(next, page.limit)}
          onRowsPerPageChange={event =>
            page.onPageChange(0, Number(event.target.value))
          }
        />
      )}
    </>
  );
};
