import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { Workspace, WorkspaceStatus } from '@kaito-backstage/plugin-kaito-common';

/** Field manager recorded on everything the controller writes. @internal */
export const FIELD_MANAGER = 'kaito-backstage-controller';

/** HTTP status of a client-node ApiException, if it is one. @internal */
export function apiErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Every write the controller makes to a cluster. Kept in one place so the
 * writes can be counted (metrics, benchmark) and observe mode can refuse them.
 *
 * @internal
 */
export class KubeWriter {
  readonly #objects: KubernetesObjectApi;
  readonly #custom: CustomObjectsApi;
  /** Writes made so far, by verb. */
  readonly counts = { create: 0, patch: 0, status: 0, delete: 0 };

  constructor(kubeConfig: KubeConfig) {
    this.#objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.#custom = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  get total(): number {
    const { create, patch, status, delete: del } = this.counts;
    return create + patch + status + del;
  }

  /** Creates an object; an object that already exists is not an error. */
  async create<T extends KubernetesObject>(object: T): Promise<T | undefined> {
    this.counts.create++;
    try {
      return await this.#objects.create(object, undefined, undefined, FIELD_MANAGER);
    } catch (error) {
      if (apiErrorCode(error) === 409) return undefined;
      throw error;
    }
  }

  /** JSON merge patch; `patch` must carry apiVersion, kind and metadata.name/namespace. */
  async mergePatch<T extends KubernetesObject>(patch: T): Promise<T> {
    this.counts.patch++;
    return this.#objects.patch(
      patch,
      undefined,
      undefined,
      FIELD_MANAGER,
      undefined,
      PatchStrategy.MergePatch,
    );
  }

  /** JSON patch (RFC 6902), e.g. with a `test` of resourceVersion to guard a finalizer removal. */
  async jsonPatch<T extends KubernetesObject>(
    target: KubernetesObject,
    operations: Array<{ op: string; path: string; value?: unknown }>,
  ): Promise<T> {
    this.counts.patch++;
    const header = {
      apiVersion: target.apiVersion,
      kind: target.kind,
      metadata: { name: target.metadata?.name, namespace: target.metadata?.namespace },
    };
    return this.#objects.patch(
      Object.assign(operations, header) as unknown as T,
      undefined,
      undefined,
      FIELD_MANAGER,
      undefined,
      PatchStrategy.JsonPatch,
    );
  }

  /** Replaces a Workspace's status through the status subresource. */
  async patchWorkspaceStatus(workspace: Workspace, status: WorkspaceStatus): Promise<void> {
    this.counts.status++;
    const [group, version] = workspace.apiVersion.split('/');
    await this.#custom.patchNamespacedCustomObjectStatus(
      {
        group,
        version,
        namespace: workspace.metadata.namespace!,
        plural: 'workspaces',
        name: workspace.metadata.name,
        body: { status },
        fieldManager: FIELD_MANAGER,
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  /** Deletes an object; one already gone is not an error. */
  async delete(object: KubernetesObject, propagationPolicy: 'Background' | 'Foreground' = 'Background'): Promise<void> {
    this.counts.delete++;
    try {
      await this.#objects.delete(object, undefined, undefined, undefined, undefined, propagationPolicy);
    } catch (error) {
      if (apiErrorCode(error) !== 404) throw error;
    }
  }
}
