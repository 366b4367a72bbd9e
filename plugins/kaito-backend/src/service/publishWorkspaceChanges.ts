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
 * `coalesceMs`.
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
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const send = (key: string) => {
    pending.delete(key);
    const ref = parseWorkspaceKey(key);
    if (!ref) return;
    const eventPayload: WorkspaceChangedEventPayload = { ref, key };
    events
      .publish({ topic: WORKSPACE_CHANGED_TOPIC, eventPayload })
      .catch(error => logger.warn(`Could not publish ${WORKSPACE_CHANGED_TOPIC} for ${key}: ${error.message}`));
  };
  const unsubscribe = workspaceEvents.subscribeAll(key => {
    if (!pending.has(key)) pending.set(key, setTimeout(() => send(key), coalesceMs));
  });
  return () => {
    unsubscribe();
    pending.forEach(timer => clearTimeout(timer));
    pending.clear();
  };
}
