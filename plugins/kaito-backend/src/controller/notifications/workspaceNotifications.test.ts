import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Workspace, WorkspaceStatus } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, FAST_SIMULATION, startControllerHarness } from '../../__testUtils__/controllerHarness';
import { phiWorkspace } from '../../__testUtils__/workspaces';
import { WorkspaceNotifier, workspaceNotification } from './workspaceNotifications';

jest.setTimeout(30_000);

const OWNER = 'group:default/ml-team';
const owned = (ws: Workspace): Workspace => ({
  ...ws,
  metadata: { ...ws.metadata, annotations: { ...ws.metadata.annotations, 'backstage.kaito.sh/owner': OWNER } },
});
const status = (state: WorkspaceStatus['state'], message = ''): WorkspaceStatus => ({
  state,
  conditions: [{ type: 'WorkspaceSucceeded', status: state === 'Failed' ? 'False' : 'True', reason: 'r', message, lastTransitionTime: '2026-11-22T10:00:00Z' }],
});

describe('workspaceNotification', () => {
  const ws = owned(phiWorkspace('phi'));
  it('tells the owner group when a workspace becomes Ready or fails, linking its tab', () => {
    expect(workspaceNotification('sim', ws, status('Pending'), status('Ready'))).toMatchObject({
      recipients: { type: 'entity', entityRef: OWNER },
      payload: { title: 'Workspace sim/default/phi is Ready', link: '/kaito/sim/default/phi', topic: 'kaito-workspace', scope: 'kaito-workspace:sim/default/phi:Ready' },
    });
    expect(workspaceNotification('sim', ws, status('Pending'), status('Failed', 'NodeClaim x could not launch: QuotaExceeded'))?.payload).toMatchObject({
      title: 'Workspace sim/default/phi failed',
      description: 'NodeClaim x could not launch: QuotaExceeded',
      severity: 'high',
    });
  });

  it('links under the configured LLM workspaces page (kaito.portal.workspacesPath)', async () => {
    expect(workspaceNotification('sim', ws, status('Pending'), status('Ready'), '/ai/llm')?.payload.link).toBe('/ai/llm/sim/default/phi');
    const sent: NotificationSendOptions[] = [];
    const notifier = new WorkspaceNotifier({ notifications: { send: async n => void sent.push(n) }, logger: mockServices.logger.mock(), workspacesPath: '/ai/llm' });
    await notifier.statusChanged('sim', ws, status('Pending'), status('Failed'));
    expect(sent.map(n => n.payload.link)).toEqual(['/ai/llm/sim/default/phi']);
  });

  it('says nothing when the state stays, for other states, or without an owner', () => {
    expect(workspaceNotification('sim', ws, status('Ready'), status('Ready'))).toBeUndefined();
    expect(workspaceNotification('sim', ws, status('Ready'), status('NotReady'))).toBeUndefined();
    expect(workspaceNotification('sim', phiWorkspace('nobody'), status('Pending'), status('Ready'))).toBeUndefined();
  });

  it('logs a send that fails instead of throwing', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new WorkspaceNotifier({ notifications: { send: async () => Promise.reject(new Error('notifications backend is down')) }, logger });
    await expect(notifier.statusChanged('sim', ws, status('Pending'), status('Ready'))).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('notifications backend is down'));
  });
});

describe('notifications from the controller on the simulator', () => {
  let harness: ControllerHarness;
  const sent: NotificationSendOptions[] = [];
  beforeAll(async () => {
    harness = await startControllerHarness({
      simulator: { behaviour: { ...FAST_SIMULATION, provisioner: { delayMs: 0, failures: { Standard_ND96isr_H100_v5: 'QuotaExceeded' } } } },
      reconciler: {
        notifier: new WorkspaceNotifier({ notifications: { send: async n => void sent.push(n) }, logger: mockServices.logger.mock() }),
      },
    });
  });
  afterAll(() => harness?.stop());

  const titles = () => sent.map(n => n.payload.title);

  it('sends Ready once, and Failed once, however often the workspaces are reconciled', async () => {
    await harness.apply(owned(phiWorkspace('notify-ready')));
    await harness.apply(owned(phiWorkspace('notify-failed', 'Standard_ND96isr_H100_v5')));
    await harness.waitForWorkspace('notify-ready', w => w.status?.state === 'Ready', 'Ready');
    await harness.waitForWorkspace('notify-failed', w => w.status?.state === 'Failed', 'Failed');
    for (const name of ['notify-ready', 'notify-failed']) harness.controller.queue.add(`default/${name}`);
    await harness.controller.queue.whenIdle();
    expect(titles().sort()).toEqual(['Workspace sim/default/notify-failed failed', 'Workspace sim/default/notify-ready is Ready']);
    expect(sent.every(n => n.recipients.type === 'entity' && n.recipients.entityRef === OWNER)).toBe(true);
  });
});
