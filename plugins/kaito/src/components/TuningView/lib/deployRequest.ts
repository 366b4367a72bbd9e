import type {
  CreateWorkspaceRequest,
  WorkspaceDetails,
} from '@kaito-backstage/plugin-kaito-common';

/** The tuned adapter image, preferring the resolved output image. @internal */
export function tunedAdapterImage(
  workspace: WorkspaceDetails,
): string | undefined {
  return (
    workspace.images.find(image => image.role === 'output')?.image ??
    workspace.workspace.tuning?.output.image
  );
}

/**
 * The request for an inference workspace that serves the tuning
 * workspace's base preset with its tuned adapter, on the same cluster,
 * namespace and owner.
 *
 * @internal
 */
export function deployAdapterRequest(
  tuning: WorkspaceDetails,
  choices: { name: string; instanceType: string; adapterName: string },
): CreateWorkspaceRequest {
  const image = tunedAdapterImage(tuning);
  const preset = tuning.workspace.tuning?.preset.name ?? tuning.preset;
  if (!image || !preset || !tuning.owner) {
    throw new Error(
      'The tuning workspace has no output image, preset or owner to deploy from',
    );
  }
  return {
    cluster: tuning.ref.cluster,
    namespace: tuning.ref.namespace,
    name: choices.name,
    preset,
    instanceType: choices.instanceType,
    // No strength: Kaito v0.12 refuses any adapter strength with vLLM, the default runtime.
    adapters: [{ name: choices.adapterName, image }],
    owner: tuning.owner,
    entityRef: tuning.entityRef,
  };
}
