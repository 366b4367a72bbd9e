import { KubernetesObject } from '@kubernetes/client-node';
import { KaitoLabels, Workspace } from '@kaito-backstage/plugin-kaito-common';

/**
 * Whether `object` belongs to `workspace`. A namespaced child must carry an
 * ownerReference with `controller: true` and the workspace's uid: labels and
 * names say nothing (anyone can set them), and the controller reference is
 * what the garbage collector and Kaito's controller go by. Cluster-scoped
 * children (NodeClaims, NodePools) cannot have a namespaced owner, so for
 * them Kaito's workspace name and namespace labels are the only mark, and
 * only cluster administrators can create such objects.
 *
 * @internal
 */
export function isControlledBy(object: KubernetesObject, workspace: Workspace): boolean {
  const metadata = object.metadata ?? {};
  if (!metadata.namespace) {
    const labels = metadata.labels ?? {};
    const name = labels[KaitoLabels.workspace] ?? labels[KaitoLabels.karpenterWorkspaceName];
    const namespace = labels[KaitoLabels.workspaceNamespace] ?? labels[KaitoLabels.karpenterWorkspaceNamespace];
    return name === workspace.metadata.name && namespace === (workspace.metadata.namespace ?? 'default');
  }
  const uid = workspace.metadata.uid;
  return Boolean(uid) && (metadata.ownerReferences ?? []).some(ref => ref.controller === true && ref.uid === uid);
}

/** `Service default/kubernetes`, or `NodePool gpu-pool` for a cluster-scoped object. */
function describeObject(object: KubernetesObject): string {
  const { namespace, name } = object.metadata ?? {};
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** Who controls an object, as far as its metadata says. */
function describeController(object: KubernetesObject): string {
  if (!object.metadata?.uid) return 'the controller may not read it to see who owns it';
  const controller = object.metadata?.ownerReferences?.find(ref => ref.controller);
  if (controller) return `it is controlled by ${controller.kind} ${controller.name}`;
  const manager = object.metadata?.managedFields?.[0]?.manager;
  return manager ? `it has no controller and was created by ${manager}` : 'it has no controller';
}

/**
 * An object with the name of one of a workspace's children that the
 * workspace does not control. The controller leaves it untouched (no patch,
 * no delete, no drift correction) and reports it as the workspace's
 * `ResourceConflict` condition.
 *
 * @internal
 */
export class ForeignObjectError extends Error {
  readonly name = 'ForeignObjectError';

  constructor(
    /** The object in the way, as read from the API server or the cache. */
    readonly object: KubernetesObject,
    workspace: { name: string; namespace?: string },
  ) {
    super(
      `${describeObject(object)} already exists and does not belong to workspace ${workspace.namespace ?? 'default'}/${workspace.name} ` +
        `(${describeController(object)}); it is left untouched. Rename the workspace, or delete or move ${describeObject(object)}`,
    );
  }
}
