import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityProvider, EntityProviderConnection, EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { KaitoApiClient } from '@kaito-backstage/plugin-kaito-client';
import {
  WORKSPACE_CHANGED_TOPIC,
  WorkspaceChangedEventPayload,
  WorkspaceListResponse,
  WorkspaceRef,
  WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';
import { workspaceToEntity } from './workspaceToEntity';

/** Change events read at once; the rest wait their turn. */
const MAX_CONCURRENT_READS = 8;
/** Tries of one changed workspace's read, and the pause before the next (times the attempt). */
const READ_ATTEMPTS = 3;
const RETRY_AFTER_MS = 500;

/** What {@link KaitoEntityProvider} needs: the services it reads with and the schedule of its full sync. @public */
export interface KaitoEntityProviderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Runs the full sync, the backstop for change events that were missed. */
  taskRunner: SchedulerServiceTaskRunner;
  /** Where the kaito backend publishes `kaito.workspace.changed`; without it only full syncs run. */
  events?: EventsService;
  appBaseUrl?: string;
  /** The app path of the LLM workspaces page (kaito.portal.workspacesPath). @defaultValue '/kaito' */
  workspacesPath?: string;
  fetch?: typeof fetch;
}

/** What the provider has written to the catalog since it started. @public */
export interface KaitoEntityProviderStats {
  /** applyMutation calls, full and delta. */
  mutations: number;
  /** Entities sent as added (a full mutation counts each entity it holds). */
  entitiesWritten: number;
  /** Entities sent as removed. */
  entitiesRemoved: number;
  /** Reads of the kaito backend: one per full sync, one per change event looked at. */
  reads: number;
}

/**
 * Mirrors every workspace on every cluster as a catalog `Resource`, reading
 * the kaito backend's REST API with a service token. A `kaito.workspace.changed`
 * event reads that one workspace (unless only its status or its children changed) and
 * sends a delta mutation only when its entity differs from the one last sent
 * (most changes are status, which the entity does not show), a few at a
 * time and tried again on failure, so an entity appears within a second of
 * Create and
 * nothing is written while nothing changes. The scheduled full sync is the
 * backstop for missed events: the first one after start replaces the whole
 * set; later ones send only the differences, often none. A cluster that
 * cannot be read keeps its entities until it answers again.
 *
 * @public
 */
export class KaitoEntityProvider implements EntityProvider {
  readonly #options: KaitoEntityProviderOptions;
  #connection?: EntityProviderConnection;
  /** The last entity sent per workspace key, with its JSON to compare; kept while its cluster is unreachable. */
  readonly #lastByKey = new Map<string, { entity: Entity; json: string }>();
  /** Whether a full mutation has replaced whatever an earlier run left. */
  #replacedAll = false;
  readonly #stats: KaitoEntityProviderStats = { mutations: 0, entitiesWritten: 0, entitiesRemoved: 0, reads: 0 };
  /** Changed workspaces waiting to be read, by key (insertion order: oldest first), and how many are being read. */
  readonly #toRead = new Map<string, WorkspaceRef>();
  #reading = 0;

  constructor(options: KaitoEntityProviderOptions) {
    this.#options = options;
  }

  getProviderName(): string {
    return 'kaito-workspace-provider';
  }

  /** Writes so far (a copy). */
  get stats(): KaitoEntityProviderStats {
    return { ...this.#stats };
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#options.events?.subscribe({
      id: `${this.getProviderName()}:changes`,
      topics: [WORKSPACE_CHANGED_TOPIC],
      onEvent: async ({ eventPayload }) => {
        const { ref, key, kinds } = eventPayload as WorkspaceChangedEventPayload;
        // The entity is made from the workspace's spec and annotations: a change of its status, pods or nodes cannot change it.
        if (kinds && !kinds.includes('Workspace')) return;
        this.#toRead.set(key, ref);
        this.#readNext();
      },
    });
    await this.#options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.#options.logger.warn(`Could not refresh Kaito workspace entities: ${(error as Error).message}`);
        }
      },
    });
  }

  /**
   * Reads every workspace. The first time it replaces the provider's
   * entities; after that it sends what changed since, or nothing.
   */
  async refresh(): Promise<void> {
    const connection = this.#requireConnection();
    const list = await this.#list();
    const failed = new Set(list.errors.map(e => e.cluster));
    const fresh = new Map<string, { entity: Entity; json: string }>();
    for (const [key, last] of this.#lastByKey) {
      if (failed.has(key.split('/')[0])) fresh.set(key, last);
    }
    for (const item of list.items) fresh.set(item.key, this.#entry(item));
    const locationKey = this.getProviderName();
    if (!this.#replacedAll) {
      this.#replaceLast(fresh);
      await this.#apply(connection, { type: 'full', entities: [...fresh.values()].map(({ entity }) => ({ entity, locationKey })) });
      this.#replacedAll = true;
      this.#options.logger.debug(`Mirrored ${fresh.size} Kaito workspaces into the catalog`);
      return;
    }
    const added = [...fresh].filter(([key, entry]) => this.#lastByKey.get(key)?.json !== entry.json).map(([, { entity }]) => ({ entity, locationKey }));
    const removed = [...this.#lastByKey]
      .filter(([key]) => !fresh.has(key))
      .map(([, { entity }]) => ({ entityRef: stringifyEntityRef(entity), locationKey }));
    this.#replaceLast(fresh);
    if (added.length || removed.length) await this.#apply(connection, { type: 'delta', added, removed });
    this.#options.logger.debug(`Full sync of ${fresh.size} Kaito workspaces: ${added.length} changed, ${removed.length} removed`);
  }

  /** Reads one workspace and adds, updates or removes its entity alone, when it changed. */
  async refreshWorkspace(ref: WorkspaceRef): Promise<void> {
    const connection = this.#requireConnection();
    const key = `${ref.cluster}/${ref.namespace}/${ref.name}`;
    const list = await this.#list({ cluster: ref.cluster, namespace: ref.namespace, name: ref.name });
    // An unreachable cluster keeps what it had, as in a full sync.
    if (list.errors.some(e => e.cluster === ref.cluster)) return;
    const item = list.items.find(i => i.key === key);
    const locationKey = this.getProviderName();
    const last = this.#lastByKey.get(key);
    if (item) {
      const entry = this.#entry(item);
      if (last?.json === entry.json) return;
      this.#lastByKey.set(key, entry);
      await this.#apply(connection, { type: 'delta', added: [{ entity: entry.entity, locationKey }], removed: [] });
      return;
    }
    if (!last) return;
    this.#lastByKey.delete(key);
    await this.#apply(connection, { type: 'delta', added: [], removed: [{ entityRef: stringifyEntityRef(last.entity), locationKey }] });
  }

  /**
   * Reads the changed workspaces waiting, a few at a time: a burst of thousands of changes
   * becomes a queue, not thousands of requests at once (which a backend refuses connections
   * to). A workspace changed again while it is read waits for one more read.
   */
  #readNext(): void {
    while (this.#reading < MAX_CONCURRENT_READS && this.#toRead.size > 0) {
      const [key, ref] = this.#toRead.entries().next().value as [string, WorkspaceRef];
      this.#toRead.delete(key);
      this.#reading++;
      void this.#readWithRetries(key, ref).finally(() => {
        this.#reading--;
        this.#readNext();
      });
    }
  }

  /** One changed workspace mirrored, tried again on failure: no event brings it back, only the next full sync. */
  async #readWithRetries(key: string, ref: WorkspaceRef): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.refreshWorkspace(ref);
        return;
      } catch (error) {
        if (attempt === READ_ATTEMPTS) {
          this.#options.logger.warn(`Could not mirror Kaito workspace ${key} into the catalog: ${(error as Error).message}`);
          return;
        }
        await new Promise(resolve => setTimeout(resolve, RETRY_AFTER_MS * attempt));
      }
    }
  }

  /** Changed workspaces waiting to be read or being read. */
  get pendingReads(): number {
    return this.#toRead.size + this.#reading;
  }

  #entry(item: WorkspaceSummary): { entity: Entity; json: string } {
    const entity = workspaceToEntity(item, { appBaseUrl: this.#options.appBaseUrl, workspacesPath: this.#options.workspacesPath });
    return { entity, json: JSON.stringify(entity) };
  }

  #replaceLast(fresh: Map<string, { entity: Entity; json: string }>): void {
    this.#lastByKey.clear();
    fresh.forEach((entry, key) => this.#lastByKey.set(key, entry));
  }

  async #apply(connection: EntityProviderConnection, mutation: EntityProviderMutation): Promise<void> {
    await connection.applyMutation(mutation);
    this.#stats.mutations++;
    if (mutation.type === 'full') {
      this.#stats.entitiesWritten += mutation.entities.length;
    } else {
      this.#stats.entitiesWritten += mutation.added.length;
      this.#stats.entitiesRemoved += mutation.removed.length;
    }
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) throw new Error('KaitoEntityProvider is not connected yet');
    return this.#connection;
  }

  async #list(filter: { cluster?: string; namespace?: string; name?: string } = {}): Promise<WorkspaceListResponse> {
    const { discovery, auth } = this.#options;
    this.#stats.reads++;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'kaito',
    });
    // The generated client of the kaito backend's spec (a non-2xx answer is thrown as a ResponseError).
    const api = new KaitoApiClient({ discovery, fetchApi: this.#options.fetch ? { fetch: this.#options.fetch } : undefined });
    return (await api.listWorkspaces({ query: filter }, { token })) as WorkspaceListResponse;
  }
}
