import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { KaitoApiClient } from '@kaito-backstage/plugin-kaito-client';
import {
  WORKSPACE_CHANGED_TOPIC,
  WorkspaceChangedEventPayload,
  WorkspaceListResponse,
  WorkspaceRef,
} from '@kaito-backstage/plugin-kaito-common';
import { workspaceToEntity } from './workspaceToEntity';

/** @internal */
export interface KaitoEntityProviderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Runs the full sync, the backstop for change events that were missed. */
  taskRunner: SchedulerServiceTaskRunner;
  /** Where the kaito backend publishes `kaito.workspace.changed`; without it only full syncs run. */
  events?: EventsService;
  appBaseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * Mirrors every workspace on every cluster as a catalog `Resource`, reading
 * the kaito backend's REST API with a service token. A `kaito.workspace.changed`
 * event adds, updates or removes that one workspace's entity with a delta
 * mutation, so an entity appears within a second of Create; the scheduled
 * full sync replaces the whole set, catching anything an event missed. A
 * cluster that cannot be read keeps its entities until it answers again.
 *
 * @public
 */
export class KaitoEntityProvider implements EntityProvider {
  readonly #options: KaitoEntityProviderOptions;
  #connection?: EntityProviderConnection;
  /** The last entity seen per workspace key, kept while its cluster is unreachable. */
  readonly #lastByKey = new Map<string, Entity>();

  constructor(options: KaitoEntityProviderOptions) {
    this.#options = options;
  }

  getProviderName(): string {
    return 'kaito-workspace-provider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#options.events?.subscribe({
      id: `${this.getProviderName()}:changes`,
      topics: [WORKSPACE_CHANGED_TOPIC],
      onEvent: async ({ eventPayload }) => {
        const { ref, key } = eventPayload as WorkspaceChangedEventPayload;
        try {
          await this.refreshWorkspace(ref);
        } catch (error) {
          this.#options.logger.warn(`Could not mirror Kaito workspace ${key} into the catalog: ${(error as Error).message}`);
        }
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

  /** Reads every workspace and replaces the provider's entities. */
  async refresh(): Promise<void> {
    const connection = this.#requireConnection();
    const list = await this.#list();
    const failed = new Set(list.errors.map(e => e.cluster));
    const fresh = new Map<string, Entity>();
    for (const [key, entity] of this.#lastByKey) {
      if (failed.has(key.split('/')[0])) fresh.set(key, entity);
    }
    for (const item of list.items) fresh.set(item.key, workspaceToEntity(item, { appBaseUrl: this.#options.appBaseUrl }));
    this.#lastByKey.clear();
    fresh.forEach((entity, key) => this.#lastByKey.set(key, entity));
    await connection.applyMutation({
      type: 'full',
      entities: [...fresh.values()].map(entity => ({ entity, locationKey: this.getProviderName() })),
    });
    this.#options.logger.debug(`Mirrored ${fresh.size} Kaito workspaces into the catalog`);
  }

  /** Reads one workspace and adds, updates or removes its entity alone. */
  async refreshWorkspace(ref: WorkspaceRef): Promise<void> {
    const connection = this.#requireConnection();
    const key = `${ref.cluster}/${ref.namespace}/${ref.name}`;
    const list = await this.#list({ cluster: ref.cluster, namespace: ref.namespace });
    // An unreachable cluster keeps what it had, as in a full sync.
    if (list.errors.some(e => e.cluster === ref.cluster)) return;
    const item = list.items.find(i => i.key === key);
    const locationKey = this.getProviderName();
    if (item) {
      const entity = workspaceToEntity(item, { appBaseUrl: this.#options.appBaseUrl });
      this.#lastByKey.set(key, entity);
      await connection.applyMutation({ type: 'delta', added: [{ entity, locationKey }], removed: [] });
      return;
    }
    const gone = this.#lastByKey.get(key);
    if (!gone) return;
    this.#lastByKey.delete(key);
    await connection.applyMutation({
      type: 'delta',
      added: [],
      removed: [{ entityRef: stringifyEntityRef(gone), locationKey }],
    });
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) throw new Error('KaitoEntityProvider is not connected yet');
    return this.#connection;
  }

  async #list(filter: { cluster?: string; namespace?: string } = {}): Promise<WorkspaceListResponse> {
    const { discovery, auth } = this.#options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'kaito',
    });
    // The generated client of the kaito backend's spec (a non-2xx answer is thrown as a ResponseError).
    const api = new KaitoApiClient({ discovery, fetchApi: this.#options.fetch ? { fetch: this.#options.fetch } : undefined });
    return (await api.listWorkspaces({ query: filter }, { token })) as WorkspaceListResponse;
  }
}
