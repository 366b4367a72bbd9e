import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  parseWorkspaceKey,
  WORKSPACE_CHANGED_TOPIC,
  WorkspaceChangedEventPayload,
} from '@kaito-backstage/plugin-kaito-common';
import { WorkspaceEvents } from './WorkspaceEvents';

/**
 * Publishes `kaito.workspace.changed` on Backstage's events service for each
 * workspace that changes, so the catalog can mirror it at once instead of on
 * its next full sync. A burst of watch events for one workspace (a create
 * touches the Workspace, its NodeClaim, pods...) becomes one event per
 * `coalesceMs`, naming the kinds that changed (`Workspace` when the workspace
 * itself did), so a subscriber that shows only the workspace can skip the rest.
 *
 * @returns a function that stops publishing.
 * @internal
 */
export function publishWorkspaceChanges(options: {
  workspaceEvents: WorkspaceEvents;
  events: EventsService;
  logger: LoggerService;
  coalesceMs?: number;
}): () => void {
  const { workspaceEvents, events, logger, coalesceMs = 100 } = options;
  // Per workspace waiting to be published: its timer and the kinds that changed meanwhile.
  const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; kinds: Set<string> }>();
  const send = (key: string) => {
    const kinds = [...(pending.get(key)?.kinds ?? [])].sort();
    pending.delete(key);
    const ref = parseWorkspaceKey(key);
    if (!ref) return;
    const eventPayload: WorkspaceChangedEventPayload = { ref, key, kinds };
    events
      .publish({ topic: WORKSPACE_CHANGED_TOPIC, eventPayload })
      .catch(error => logger.warn(`Could not publish ${WORKSPACE_CHANGED_TOPIC} for ${key}: ${error.message}`));
  };
  const unsubscribe = workspaceEvents.subscribeAll((key, kind) => {
    const waiting = pending.get(key);
    if (waiting) waiting.kinds.add(kind);
    else pending.set(key, { timer: setTimeout(() => send(key), coalesceMs), kinds: new Set([kind]) });
  });
  return () => {
    unsubscribe();
    pending.forEach(({ timer }) => clearTimeout(timer));
    pending.clear();
  };
}
