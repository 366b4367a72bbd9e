import { Toleration } from '../api/kubernetes';
import { Workspace } from '../api/workspace';
import { migResourceName } from '../sku/migProfiles';

/** The GPU resource every accelerated pod asks for, unless a MIG slice is asked for. @internal */
export const WHOLE_GPU_RESOURCE = 'nvidia.com/gpu';

/** The MIG profile the workspace's spec asks for, if any ("mixed" strategy). */
function specMigProfile(workspace: Pick<Workspace, 'resource'>): string | undefined {
  const partition = workspace.resource.partition;
  return partition?.mode === 'mig' && partition.profile ? partition.profile : undefined;
}

/**
 * The extended resource the inference container requests, as Kaito v0.12 chooses it: a MIG
 * partition with a profile in the spec requests that profile's own resource
 * (`nvidia.com/mig-<profile>`, the device plugin's "mixed" strategy); anything else,
 * node-detected MIG under the "single" strategy included, requests `nvidia.com/gpu`.
 *
 * @public
 */
export function inferenceGpuResourceName(workspace: Pick<Workspace, 'resource'>): string {
  const profile = specMigProfile(workspace);
  return profile ? migResourceName(profile) : WHOLE_GPU_RESOURCE;
}

/**
 * The toleration Kaito v0.12 adds for a spec MIG profile, so the pod also lands on nodes an
 * operator tainted with the profile's resource name (the device plugin does not by default).
 *
 * @internal
 */
export function migTolerations(workspace: Pick<Workspace, 'resource'>): Toleration[] {
  const profile = specMigProfile(workspace);
  return profile ? [{ key: migResourceName(profile), operator: 'Exists', effect: 'NoSchedule' }] : [];
}
