import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { quotaStuckWorkspace, readyWorkspace } from '../../../__testUtils__/fixtures';
import { WorkspacesTable } from './WorkspacesTable';

describe('WorkspacesTable', () => {
  it('shows each workspace’s cost so far next to its cost per hour, stopped ones at 0 per hour', async () => {
    const running = { ...readyWorkspace(), costSoFar: 12.8 };
    const failed = { ...quotaStuckWorkspace(), state: 'Failed' as const, costPerHour: 0, costSoFar: 1.64, costStoppedAt: '2026-11-22T10:01:00Z' };
    await renderInTestApp(
      <WorkspacesTable items={[running, failed]} nowMs={Date.parse('2026-11-22T14:00:00Z')} linkTo={key => `/kaito/${key}`} title="Workspaces" />,
    );
    const row = (name: string) => screen.getByRole('link', { name }).closest('tr') as HTMLElement;
    expect(screen.getByRole('columnheader', { name: /Cost so far/ })).toBeInTheDocument();
    expect(within(row('phi-3')).getByText('$12.80')).toBeInTheDocument();
    expect(within(row('phi-3')).getByText('$3.20/h')).toBeInTheDocument();
    expect(within(row('phi-h100')).getByText('$1.64')).toBeInTheDocument();
    expect(within(row('phi-h100')).getByText('$0.00/h')).toBeInTheDocument();
  });

  it('sorts on the server: a header asks for its sort key (age is createdAt reversed), columns the server cannot sort have no sort button', async () => {
    const asked: unknown[] = [];
    await renderInTestApp(
      <WorkspacesTable
        items={[readyWorkspace(), quotaStuckWorkspace()]}
        nowMs={Date.parse('2026-11-22T14:00:00Z')}
        linkTo={key => `/kaito/${key}`}
        title="Workspaces"
        sort={{ order: 'asc' }}
        onSortChange={sort => asked.push(sort)}
      />,
    );
    // The rows keep the server's order whatever the header says.
    const names = () => screen.getAllByRole('link').map(link => link.textContent).filter(n => n?.startsWith('phi'));
    const before = names();
    await userEvent.click(screen.getByRole('button', { name: 'Age' }));
    expect(asked).toEqual([{ sort: 'createdAt', order: 'desc' }]);
    expect(names()).toEqual(before);
    await userEvent.click(screen.getByRole('button', { name: 'GPUs' }));
    expect(asked.at(-1)).toEqual({ sort: 'gpuCount', order: 'asc' });
    for (const column of ['Preset', 'Instance', 'Cost so far']) {
      expect(screen.queryByRole('button', { name: column })).not.toBeInTheDocument();
    }
  });
});
