import { CoreV1Api, KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { ConflictError } from '@backstage/errors';
import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { kubeErrorCode } from '../kube/errors';
import { toBackstageError } from './WorkspaceService';

const coreApis = new WeakMap<KubeConfig, CoreV1Api>();

/**
 * Reads a Service from the API server, for when the controller's cache does
 * not hold it: observe mode watches no Services, and the label-selected
 * watch never sees a Service without our labels. Undefined when none exists.
 *
 * @internal
 */
export async function readService(kubeConfig: KubeConfig, namespace: string, name: string): Promise<KubernetesObject | undefined> {
  let api = coreApis.get(kubeConfig);
  if (!api) {
    api = kubeConfig.makeApiClient(CoreV1Api);
    coreApis.set(kubeConfig, api);
  }
  try {
    return await api.readNamespacedService({ namespace, name });
  } catch (error) {
    if (kubeErrorCode(error) === 404) return undefined;
    throw toBackstageError(error, `read service ${namespace}/${name}`);
  }
}

/**
 * Chat goes only to a Service the workspace controls: one whose
 * ownerReferences hold `controller: true` with the workspace's uid. A name
 * proves nothing: a workspace called `kubernetes` in `default` shares its
 * Service name with the API server's own Service, and anyone who may create
 * Services can put one in the way of a workspace-to-be. Throws a 409 that
 * names the Service and how to resolve it.
 *
 * @internal
 */
export function requireOwnService(service: KubernetesObject | undefined, workspace: Workspace): void {
  const { name, namespace = 'default', uid } = workspace.metadata;
  const where = `Service ${namespace}/${name}`;
  if (!service) {
    throw new ConflictError(
      `Workspace ${namespace}/${name} has no ${where} of its own yet (the controller creates it with the workspace's labels and owner reference); try again once it exists`,
    );
  }
  const controller = service.metadata?.ownerReferences?.find(ref => ref.controller === true);
  if (!uid || controller?.uid !== uid) {
    const holder = controller ? `it is controlled by ${controller.kind} ${controller.name}` : 'it has no controller owner reference';
    throw new ConflictError(
      `${where} does not belong to workspace ${namespace}/${name} (${holder}), so chat is not sent to it. ` +
        `Fix: delete or rename that Service if it is stray, or give the workspace a name no other Service has`,
    );
  }
}
