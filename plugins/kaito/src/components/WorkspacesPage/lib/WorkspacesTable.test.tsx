import { screen, within } from '@testing-library/react';
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
});
