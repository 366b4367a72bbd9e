import { KaitoLabels } from '@kaito-backstage/plugin-kaito-common';

/** The kinds the controller watches, with where they live in the API. @internal */
export const WATCHED_KINDS = {
  Workspace: { apiVersion: 'kaito.sh/v1beta1', path: '/apis/kaito.sh/v1beta1/workspaces' },
  // Optional: a Kaito older than v0.8 has no InferenceSet CRD; only the sets go unseen then.
  InferenceSet: {
    apiVersion: 'kaito.sh/v1beta1',
    path: '/apis/kaito.sh/v1beta1/inferencesets',
    crd: 'inferencesets.kaito.sh',
  },
  NodeClaim: {
    apiVersion: 'karpenter.sh/v1',
    path: '/apis/karpenter.sh/v1/nodeclaims',
    crd: 'nodeclaims.karpenter.sh',
    labelSelector: KaitoLabels.workspace,
  },
  NodePool: {
    apiVersion: 'karpenter.sh/v1',
    path: '/apis/karpenter.sh/v1/nodepools',
    crd: 'nodepools.karpenter.sh',
    labelSelector: KaitoLabels.karpenterWorkspaceName,
  },
  // All nodes: bring-your-own nodes carry only the user's labels.
  Node: { apiVersion: 'v1', path: '/api/v1/nodes' },
  StatefulSet: {
    apiVersion: 'apps/v1',
    path: '/apis/apps/v1/statefulsets',
    labelSelector: KaitoLabels.workspace,
  },
  Deployment: {
    apiVersion: 'apps/v1',
    path: '/apis/apps/v1/deployments',
    labelSelector: KaitoLabels.workspace,
  },
  Job: {
    apiVersion: 'batch/v1',
    path: '/apis/batch/v1/jobs',
    labelSelector: KaitoLabels.workspace,
  },
  Pod: { apiVersion: 'v1', path: '/api/v1/pods', labelSelector: KaitoLabels.workspace },
  Service: {
    apiVersion: 'v1',
    path: '/api/v1/services',
    labelSelector: KaitoLabels.workspace,
  },
  ConfigMap: {
    apiVersion: 'v1',
    path: '/api/v1/configmaps',
    labelSelector: KaitoLabels.workspace,
  },
  ControllerRevision: {
    apiVersion: 'apps/v1',
    path: '/apis/apps/v1/controllerrevisions',
    labelSelector: KaitoLabels.revisionWorkspaceName,
  },
  // Events carry no labels: every Event, indexed by the object it is about (the details' event list).
  Event: { apiVersion: 'v1', path: '/api/v1/events' },
} as const;

/** @internal */
export type WatchedKind = keyof typeof WATCHED_KINDS;

/** How a cluster is used, as far as watching goes. @internal */
export interface WatchContext {
  mode: 'builtin' | 'observe';
  provisioner: 'gpu-provisioner' | 'karpenter' | 'byo';
}

/** Kinds observe mode reads: the workspaces and what their status and details show. */
const OBSERVED: readonly WatchedKind[] = ['Workspace', 'InferenceSet', 'Node', 'StatefulSet', 'Job', 'Pod', 'Event'];
/** Kinds only reconciling needs: children it writes and compares. */
const RECONCILED: readonly WatchedKind[] = ['Service', 'ConfigMap', 'ControllerRevision', 'Deployment'];

/**
 * The kinds a cluster's controller watches: observe mode only what the
 * portal shows, builtin mode also the children it writes; NodeClaims only
 * with a provisioner that makes them, NodePools only with Karpenter. A
 * gpu-provisioner cluster has no NodePool CRD, so watching it would fail forever.
 *
 * @internal
 */
export function kindsToWatch(context: WatchContext): WatchedKind[] {
  const kinds: WatchedKind[] = [...OBSERVED];
  if (context.provisioner !== 'byo') kinds.push('NodeClaim');
  if (context.mode === 'builtin') {
    kinds.push(...RECONCILED);
    if (context.provisioner === 'karpenter') kinds.push('NodePool');
  }
  return kinds;
}

/**
 * Whether a missing CRD stops the cluster's main job: NodeClaims for
 * gpu-provisioner and NodePools for Karpenter are how builtin mode makes
 * nodes. Anything else missing only hides some detail.
 *
 * @internal
 */
export function isRequiredKind(kind: WatchedKind, context: WatchContext): boolean {
  if (kind === 'Event') return false;
  if (context.mode !== 'builtin') return kind === 'Workspace';
  if (kind === 'NodeClaim') return context.provisioner === 'gpu-provisioner';
  if (kind === 'NodePool') return context.provisioner === 'karpenter';
  return !('crd' in WATCHED_KINDS[kind]);
}
