import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { WorkspaceListResponse } from '@kaito-backstage/plugin-kaito-common';
import { workspaceToEntity } from './workspaceToEntity';

/** @internal */
export interface KaitoEntityProviderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  appBaseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * Mirrors every workspace on every cluster as a catalog `Resource`, reading
 * the kaito backend's REST API with a service token. Each refresh replaces
 * the whole set, so entities come and go with their workspaces. A cluster
 * that cannot be read keeps its entities until it answers again.
 *
 * @public
 */
export class KaitoEntityProvider implements EntityProvider {
  readonly #options: KaitoEntityProviderOptions;
  #connection?: EntityProviderConnection;
  /** The last entities seen per cluster, kept while a cluster is unreachable. */
  readonly #lastByCluster = new Map<string, ReturnType<typeof workspaceToEntity>[]>();

  constructor(options: KaitoEntityProviderOptions) {
    this.#options = options;
  }

  getProviderName(): string {
    return 'kaito-workspace-provider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
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
    if (!this.#connection) throw new Error('KaitoEntityProvider is not connected yet');
    const { discovery, auth } = this.#options;
    const baseUrl = await discovery.getBaseUrl('kaito');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'kaito',
    });
    const response = await (this.#options.fetch ?? fetch)(`${baseUrl}/workspaces`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const list = (await response.json()) as WorkspaceListResponse;
    const failed = new Set(list.errors.map(e => e.cluster));
    const fresh = new Map<string, ReturnType<typeof workspaceToEntity>[]>();
    for (const item of list.items) {
      const entity = workspaceToEntity(item, { appBaseUrl: this.#options.appBaseUrl });
      fresh.set(item.ref.cluster, [...(fresh.get(item.ref.cluster) ?? []), entity]);
    }
    for (const cluster of failed) fresh.set(cluster, this.#lastByCluster.get(cluster) ?? []);
    this.#lastByCluster.clear();
    fresh.forEach((entities, cluster) => this.#lastByCluster.set(cluster, entities));
    const entities = [...fresh.values()].flat();
    await this.#connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: this.getProviderName() })),
    });
    this.#options.logger.debug(`Mirrored ${entities.length} Kaito workspaces into the catalog`);
  }
}
