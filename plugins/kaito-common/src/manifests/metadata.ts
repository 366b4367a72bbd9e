import { ObjectMeta, OwnerReference } from '../api/kubernetes';
import { Workspace } from '../api/workspace';
import { KaitoAnnotations, KaitoLabels } from '../labels';

/**
 * Owner reference to the Workspace: controller, blocking owner deletion, so Kubernetes
 * garbage-collects namespaced children with it.
 *
 * @public
 */
export function workspaceOwnerReference(workspace: Workspace): OwnerReference {
  return {
    apiVersion: workspace.apiVersion,
    kind: 'Workspace',
    name: workspace.metadata.name,
    uid: workspace.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Namespace of the workspace, `default` when unset. @internal */
export function namespaceOf(workspace: Workspace): string {
  return workspace.metadata.namespace ?? 'default';
}

/** Metadata of a namespaced child: labels, revision annotation and owner. @internal */
export function childMetadata(
  workspace: Workspace,
  name: string,
  revision: string | undefined,
  extraLabels: Record<string, string> = {},
): ObjectMeta & { name: string } {
  return {
    name,
    namespace: namespaceOf(workspace),
    labels: { [KaitoLabels.workspace]: workspace.metadata.name, ...extraLabels },
    ...(revision === undefined ? {} : { annotations: { [KaitoAnnotations.revision]: revision } }),
    ownerReferences: [workspaceOwnerReference(workspace)],
  };
}

/** Rewrites an image through the first matching mirror prefix. @internal */
export function mirrorImage(image: string, mirrors: { from: string; to: string }[] | undefined): string {
  const mirror = mirrors?.find(m => image.startsWith(m.from));
  return mirror ? mirror.to + image.slice(mirror.from.length) : image;
}
