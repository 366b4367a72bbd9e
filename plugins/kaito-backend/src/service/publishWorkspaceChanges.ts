import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  KaitoAnnotations,
  parseWorkspaceKey,
  WORKSPACE_CHANGED_TOPIC,
  WorkspaceChangedEventPayload,
} from '@kaito-backstage/plugin-kaito-common';
import { CacheEvent } from '../controller/ClusterCache';
import { IMAGES_ANNOTATION } from '../controller/images/WorkspaceImages';
import { WorkspaceEvents } from './WorkspaceEvents';

/** The kind named when only a Workspace's status (or other bookkeeping, such as its finalizers) changed. */
const WORKSPACE_STATUS_CHANGE = 'Workspace/status';

/**
 * Annotations a controller keeps on the workspace for itself (Kaito's revision of the spec, the
 * serving images it pinned): they follow the spec, so a change of only these is bookkeeping too.
 */
const BOOKKEEPING_ANNOTATIONS: ReadonlySet<string> = new Set([KaitoAnnotations.hash, KaitoAnnotations.revision, IMAGES_ANNOTATION]);

/** The annotations that say something about the workspace as a thing. */
function ownAnnotations(annotations: Record<string, string> | undefined): Array<[string, string]> {
  // In the order the API server sends them, as the rest of the identity is compared.
  return Object.entries(annotations ?? {}).filter(([name]) => !BOOKKEEPING_ANNOTATIONS.has(name));
}

/**
 * Publishes `kaito.workspace.changed` on Backstage's events service for each
 * workspace that changes, so the catalog can mirror it at once instead of on
 * its next full sync. A burst of watch events for one workspace (a create
 * touches the Workspace, its NodeClaim, pods...) becomes one event per
 * `coalesceMs`, naming the kinds that changed: `Workspace` when the workspace
 * was created or deleted or its spec, labels or annotations changed,
 * `Workspace/status` when only its status or a controller's bookkeeping
 * (finalizers, the revision and image annotations) did, so a subscriber that shows
 * the workspace as a thing, not its progress, can skip the rest.
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
  // Per workspace, what a subscriber showing it as a thing (not its progress) would see: generation, labels, annotations
  // (not the controller's own), deletion.
  const identities = new Map<string, string>();
  const changeOf = (key: string, event: CacheEvent): string => {
    const { kind } = event;
    if (kind !== 'Workspace') return kind;
    if (event.type === 'delete') {
      identities.delete(key);
      return kind;
    }
    const { generation, labels, annotations, deletionTimestamp } = event.object.metadata ?? {};
    const identity = JSON.stringify([generation, labels, ownAnnotations(annotations), deletionTimestamp]);
    const same = event.type === 'update' && identities.get(key) === identity;
    identities.set(key, identity);
    return same ? WORKSPACE_STATUS_CHANGE : kind;
  };
  const unsubscribe = workspaceEvents.subscribeAll((key, event) => {
    const change = changeOf(key, event);
    const waiting = pending.get(key);
    if (waiting) waiting.kinds.add(change);
    else pending.set(key, { timer: setTimeout(() => send(key), coalesceMs), kinds: new Set([change]) });
  });
  return () => {
    unsubscribe();
    pending.forEach(({ timer }) => clearTimeout(timer));
    pending.clear();
  };
}
