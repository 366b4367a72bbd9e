import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { seriousAxeViolations } from '../../__testUtils__/axe';
import { setupKaitoServer } from '../../__testUtils__/server';
import { API } from '../../__testUtils__/apis';
import {
  quotaStuckWorkspace,
  readyWorkspace,
} from '../../__testUtils__/fixtures';
import { renderWithKaito } from '../../__testUtils__/render';
import { controllableEventStream } from '../../__testUtils__/sse';
import { WorkspaceTab } from './WorkspaceTab';

const server = setupKaitoServer();

const STREAM = `${API}/workspaces/local/default/:name/stream`;

function serveStream() {
  const stream = controllableEventStream();
  server.use(http.get(STREAM, () => stream.response()));
  return stream;
}

async function renderTab(workspaceKey: string) {
  const stream = serveStream();
  await renderWithKaito(<WorkspaceTab workspaceKey={workspaceKey} />);
  return stream;
}

/** What a screen reader gets of an element: its text, leaving out what is aria-hidden. */
function accessibleText(element: Element): string {
  if (element.getAttribute('aria-hidden') === 'true') return '';
  if (element.nodeType === Node.TEXT_NODE) return element.textContent ?? '';
  return Array.from(element.childNodes)
    .map(child =>
      child.nodeType === Node.TEXT_NODE
        ? child.textContent ?? ''
        : accessibleText(child as Element),
    )
    .join('');
}

describe('WorkspaceTab accessibility', () => {
  it('has no serious or critical axe violations when Ready', async () => {
    const stream = await renderTab('local/default/phi-3');
    stream.send({ type: 'snapshot', workspace: readyWorkspace() });
    await screen.findByTestId('workspace-state');
    await screen.findByRole('table', { name: 'Nodes' });
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('has no serious or critical axe violations when provisioning is stuck', async () => {
    const stream = await renderTab('local/default/phi-h100');
    stream.send({ type: 'snapshot', workspace: quotaStuckWorkspace() });
    await screen.findByText('No nodes yet.');
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('gives every card a heading', async () => {
    const stream = await renderTab('local/default/phi-3');
    stream.send({ type: 'snapshot', workspace: readyWorkspace() });
    await screen.findByTestId('workspace-state');
    for (const title of [
      'Provisioning',
      'Chat',
      'Endpoint',
      'Nodes',
      'Pods',
      'Events',
      'Images',
    ]) {
      expect(
        screen.getByRole('heading', { level: 2, name: title }),
      ).toBeInTheDocument();
    }
    expect(
      screen.getByRole('heading', { level: 2, name: /^phi-3/ }),
    ).toBeInTheDocument();
  });

  it('reads status values as text, not only as coloured icons', async () => {
    const stream = await renderTab('local/default/phi-3');
    stream.send({ type: 'snapshot', workspace: readyWorkspace() });
    await screen.findByTestId('workspace-state');
    const resourceReady = screen.getByText('Resource ready').parentElement!;
    expect(accessibleText(resourceReady)).toContain('True');
    const nodes = screen.getByRole('table', { name: 'Nodes' });
    expect(
      accessibleText(within(nodes).getByTestId('status-ok').parentElement!),
    ).toBe('Ready');
    const pods = screen.getByRole('table', { name: 'Pods' });
    expect(accessibleText(within(pods).getByText('Running'))).toBe('Running');
    expect(accessibleText(screen.getByTestId('workspace-state'))).toBe('Ready');
  });

  it('announces state changes in a polite live region, with the reason of a failure', async () => {
    const stream = await renderTab('local/default/phi-3');
    stream.send({
      type: 'snapshot',
      workspace: readyWorkspace({
        state: 'Pending',
        columns: { resourceReady: 'False' },
      }),
    });
    const announcer = await screen.findByTestId('workspace-announcer');
    expect(announcer).toHaveAttribute('role', 'status');
    expect(announcer).toHaveAttribute('aria-live', 'polite');
    // The first state is on the page already: nothing to announce.
    expect(announcer).toBeEmptyDOMElement();

    stream.send({ type: 'snapshot', workspace: readyWorkspace() });
    await waitFor(() =>
      expect(announcer).toHaveTextContent('Workspace phi-3 is now Ready.'),
    );

    const failed = quotaStuckWorkspace();
    stream.send({
      type: 'snapshot',
      workspace: { ...readyWorkspace(), state: 'Failed', steps: failed.steps },
    });
    await waitFor(() =>
      expect(announcer).toHaveTextContent(
        /^Workspace phi-3 is now Failed: Node claimed, QuotaExceeded, Operation could not be completed/,
      ),
    );
  });
});
