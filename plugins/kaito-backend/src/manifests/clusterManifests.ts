import {
  DEFAULT_CONTROLLER_NAMESPACE,
  inferenceSetCrd,
  manifestsToYaml,
  nodeClaimCrd,
  nodePoolCrd,
  renderControllerRbac,
  workspaceCrd,
} from '@kaito-backstage/plugin-kaito-common';

/** Namespace of the controller's ServiceAccount (and leader-election Lease) in the shipped manifests. @internal */
export const MANIFEST_NAMESPACE = DEFAULT_CONTROLLER_NAMESPACE;

/** `manifests/crds.yaml`: Kaito's Workspace and InferenceSet CRDs (plus Karpenter's, for simulated or bare clusters). @internal */
export function renderCrdsYaml(): string {
  return `# Generated from @kaito-backstage/plugin-kaito-common by src/manifests/clusterManifests.ts; do not edit.
# The Kaito Workspace and InferenceSet CRDs for clusters without Kaito installed. The Karpenter
# NodeClaim and NodePool CRDs come with Karpenter or Kaito's gpu-provisioner;
# they are included for clusters that have neither (apply them only there).
${manifestsToYaml([workspaceCrd, inferenceSetCrd, nodeClaimCrd, nodePoolCrd])}`;
}

/** `manifests/rbac.yaml`: least-privilege RBAC for the controller. @internal */
export function renderRbacYaml(): string {
  return `# Generated from @kaito-backstage/plugin-kaito-common by src/manifests/clusterManifests.ts; do not edit.
# Least-privilege RBAC for the portal's workspace controller (builtin mode).
# Create the namespace first: kubectl create namespace ${MANIFEST_NAMESPACE}
${manifestsToYaml(renderControllerRbac(MANIFEST_NAMESPACE))}`;
}
