import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { WORKSPACE_CHANGED_TOPIC, WorkspaceChangedEventPayload } from '@kaito-backstage/plugin-kaito-common';
import { publishWorkspaceChanges } from './publishWorkspaceChanges';
import { WorkspaceEvents } from './WorkspaceEvents';

describe('publishWorkspaceChanges', () => {
  it('publishes one event per workspace and window, naming the kinds that changed', async () => {
    const logger = mockServices.logger.mock();
    const events = DefaultEventsService.create({ logger });
    const received: WorkspaceChangedEventPayload[] = [];
    await events.subscribe({ id: 'test', topics: [WORKSPACE_CHANGED_TOPIC], onEvent: async ({ eventPayload }) => void received.push(eventPayload as WorkspaceChangedEventPayload) });
    const workspaceEvents = new WorkspaceEvents();
    const stop = publishWorkspaceChanges({ workspaceEvents, events, logger, coalesceMs: 20 });
    const change = (kind: 'Workspace' | 'Pod' | 'NodeClaim', workspace: string) => workspaceEvents.publish('c1', { kind, type: 'update', object: {}, workspace });

    change('Pod', 'ns/a');
    change('Workspace', 'ns/a');
    change('Pod', 'ns/a');
    change('NodeClaim', 'ns/b');
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(received.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { ref: { cluster: 'c1', namespace: 'ns', name: 'a' }, key: 'c1/ns/a', kinds: ['Pod', 'Workspace'] },
      { ref: { cluster: 'c1', namespace: 'ns', name: 'b' }, key: 'c1/ns/b', kinds: ['NodeClaim'] },
    ]);

    // A new window starts empty: only what changed since.
    change('Pod', 'ns/a');
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(received[2]).toEqual({ ref: { cluster: 'c1', namespace: 'ns', name: 'a' }, key: 'c1/ns/a', kinds: ['Pod'] });

    // A Workspace whose status alone changed is told apart from one whose spec, labels or annotations did.
    const workspace = (generation: number, owner: string, state: string) => ({ metadata: { generation, annotations: { owner } }, status: { state } });
    const update = (object: object) => workspaceEvents.publish('c1', { kind: 'Workspace', type: 'update', object, workspace: 'ns/c' });
    update(workspace(1, 'team-a', 'Pending'));
    await new Promise(resolve => setTimeout(resolve, 100));
    update(workspace(1, 'team-a', 'Ready'));
    await new Promise(resolve => setTimeout(resolve, 100));
    update(workspace(1, 'team-b', 'Ready'));
    await new Promise(resolve => setTimeout(resolve, 100));
    update(workspace(2, 'team-b', 'Ready'));
    await new Promise(resolve => setTimeout(resolve, 100));
    workspaceEvents.publish('c1', { kind: 'Workspace', type: 'delete', object: workspace(2, 'team-b', 'Ready'), workspace: 'ns/c' });
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(received.slice(3).map(e => e.kinds)).toEqual([['Workspace'], ['Workspace/status'], ['Workspace'], ['Workspace'], ['Workspace']]);
    received.splice(3);

    // The controller's own annotations (its revision of the spec, the images it pinned) are bookkeeping, as its finalizer is.
    const annotated = (annotations: Record<string, string>) => ({ metadata: { generation: 2, annotations: { owner: 'team-b', ...annotations } }, status: { state: 'Ready' } });
    update(annotated({}));
    await new Promise(resolve => setTimeout(resolve, 100));
    update(annotated({ 'workspace.kaito.io/hash': 'abc', 'workspace.kaito.io/revision': '1', 'backstage.kaito.sh/images': '{}' }));
    await new Promise(resolve => setTimeout(resolve, 100));
    update(annotated({ 'workspace.kaito.io/hash': 'abc', 'workspace.kaito.io/revision': '1', 'backstage.kaito.sh/images': '{}', 'kaito.sh/runtime': 'transformers' }));
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(received.slice(3).map(e => e.kinds)).toEqual([['Workspace'], ['Workspace/status'], ['Workspace']]);
    received.splice(3);

    // Stopped: what was waiting is dropped.
    change('Workspace', 'ns/a');
    stop();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(received).toHaveLength(3);
  });
});
