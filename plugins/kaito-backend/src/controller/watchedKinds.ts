import { KaitoLabels } from '@kaito-backstage/plugin-kaito-common';

/** The kinds the controller watches, with where they live in the API. @internal */
export const WATCHED_KINDS = {
  Workspace: { apiVersion: 'kaito.sh/v1beta1', path: '/apis/kaito.sh/v1beta1/workspaces' },
  NodeClaim: {
    apiVersion: 'karpenter.sh/v1',
    path: '/apis/karpenter.sh/v1/nodeclaims',
    labelSelector: KaitoLabels.workspace,
  },
  NodePool: {
    apiVersion: 'karpenter.sh/v1',
    path: '/apis/karpenter.sh/v1/nodepools',
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
} as const;

/** @internal */
export type WatchedKind = keyof typeof WATCHED_KINDS;
