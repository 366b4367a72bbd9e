import { KubernetesObject } from '@kubernetes/client-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { randomBytes } from 'node:crypto';
import { FIELD_MANAGER, KubeWriter, apiErrorCode } from '../KubeWriter';
import { EventReason } from './eventReasons';
import { formatMicroTime, formatTime } from '../../kube/kubeTime';
import { describeKubeError } from '../../kube/errors';

/** @internal */
export type EventType = 'Normal' | 'Warning';

/** @internal */
export interface WorkspaceEventRecorderOptions {
  writer: KubeWriter;
  /** `reportingInstance` of the Events, e.g. the host name. */
  instance: string;
  now?: () => Date;
  /** Distinct (reason, message) pairs remembered per workspace for counting up. @default 16 */
  maxRememberedPerWorkspace?: number;
}

interface Recorded {
  name: string;
  count: number;
}

interface WorkspaceMemory {
  /** `reason\nmessage` of the last event recorded. */
  last?: string;
  /** Events recorded, by `reason\nmessage`, oldest first. */
  recorded: Map<string, Recorded>;
}

/** A Kubernetes message is capped; Kaito caps condition messages at 256 characters too. */
const MAX_MESSAGE = 1024;

/** `action` of our Events: what the controller was doing when it recorded one. */
const EVENT_ACTION = 'Reconcile';

/**
 * Records core/v1 Events on Workspaces, as client-go's recorder does but
 * remembering per workspace: the same event twice in a row is dropped, and a
 * repeat of an earlier one counts up its Event instead of creating another.
 * Events are best effort: a failed write is logged, never thrown.
 *
 * @internal
 */
export class WorkspaceEventRecorder {
  readonly #options: WorkspaceEventRecorderOptions;
  readonly #memory = new Map<string, WorkspaceMemory>();
  /** Per workspace, the last posted event's write: the next one of that workspace is written after it. */
  readonly #tails = new Map<string, Promise<void>>();

  constructor(options: WorkspaceEventRecorderOptions) {
    this.#options = options;
  }

  /**
   * Records an event without waiting for it, as client-go's recorder does
   * (Kaito's `Eventf` returns at once): the reconcile goes on while it is
   * written. One workspace's events are written in the order posted; other
   * workspaces' meanwhile.
   */
  post(workspace: KubernetesObject, type: EventType, reason: EventReason, message: string, logger?: LoggerService): void {
    const key = `${workspace.metadata?.namespace}/${workspace.metadata?.name}`;
    // Timestamps are taken now, not when the write gets its turn.
    const at = this.#options.now?.() ?? new Date();
    const written = (this.#tails.get(key) ?? Promise.resolve())
      .then(() => this.record(workspace, type, reason, message, logger, at))
      .catch(() => undefined); // record logs its own failures; nothing may reject unheard
    this.#tails.set(key, written);
    void written.then(() => {
      if (this.#tails.get(key) === written) this.#tails.delete(key);
    });
  }

  /** Resolves once every posted event is written (or failed). */
  async drain(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }

  /** Records an event on `workspace`; resolves when it is written (or failed). */
  async record(
    workspace: KubernetesObject,
    type: EventType,
    reason: EventReason,
    message: string,
    logger?: LoggerService,
    at: Date = this.#options.now?.() ?? new Date(),
  ): Promise<void> {
    const key = `${workspace.metadata?.namespace}/${workspace.metadata?.name}`;
    const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
    const id = `${reason}\n${text}`;
    let memory = this.#memory.get(key);
    if (!memory) this.#memory.set(key, (memory = { recorded: new Map() }));
    if (memory.last === id) return;
    memory.last = id;
    (type === 'Warning' ? logger?.warn : logger?.info)?.call(logger, `${reason}: ${text}`, { event: reason });

    const now = formatTime(at);
    const namespace = workspace.metadata?.namespace ?? 'default';
    try {
      const earlier = memory.recorded.get(id);
      if (earlier) {
        memory.recorded.delete(id);
        memory.recorded.set(id, earlier); // most recently used last
        if (await this.#countUp(namespace, earlier, now)) return;
      }
      memory.recorded.set(id, { name: await this.#create(workspace, namespace, type, reason, text, at), count: 1 });
      const limit = this.#options.maxRememberedPerWorkspace ?? 16;
      while (memory.recorded.size > limit) {
        memory.recorded.delete(memory.recorded.keys().next().value as string);
      }
    } catch (error) {
      // An Event that cannot be written must not fail the reconcile; the next one may try again.
      memory.last = undefined;
      logger?.debug(describeKubeError(error, `record event ${reason} in namespace "${namespace}"`));
    }
  }

  /** Counts up an Event recorded before; false when it has expired meanwhile. */
  async #countUp(namespace: string, earlier: Recorded, now: string): Promise<boolean> {
    try {
      await this.#options.writer.countUpEvent(namespace, earlier.name, earlier.count + 1, now);
      earlier.count++;
      return true;
    } catch (error) {
      if (apiErrorCode(error) === 404) return false;
      throw error;
    }
  }

  async #create(
    workspace: KubernetesObject,
    namespace: string,
    type: EventType,
    reason: EventReason,
    message: string,
    at: Date,
  ): Promise<string> {
    const now = formatTime(at);
    const name = `${workspace.metadata?.name}.${randomBytes(8).toString('hex')}`;
    await this.#options.writer.createEvent({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: workspace.apiVersion,
        kind: workspace.kind,
        name: workspace.metadata?.name,
        namespace,
        uid: workspace.metadata?.uid,
        resourceVersion: workspace.metadata?.resourceVersion,
      },
      type,
      reason,
      message,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component: FIELD_MANAGER },
      // eventTime is a MicroTime (six fractional digits); with it set, a real
      // server also requires reportingComponent, reportingInstance and action.
      eventTime: formatMicroTime(at),
      action: EVENT_ACTION,
      reportingComponent: FIELD_MANAGER,
      reportingInstance: this.#options.instance,
    } as KubernetesObject);
    return name;
  }

  /** Forgets a workspace that is gone. */
  forget(key: string): void {
    this.#memory.delete(key);
    // Events still waiting to be written would remember the workspace again: forget once they are.
    const tail = this.#tails.get(key);
    void tail?.then(() => {
      if (!this.#tails.has(key)) this.#memory.delete(key);
    });
  }
}
