import { KubeObject } from '../types';

/**
 * Minimal CustomResourceDefinitions for Kaito's Workspace and Karpenter's NodeClaim and NodePool,
 * used until `@kaito-backstage/plugin-kaito-common` exports the full ones. Names, scopes, versions,
 * status subresources and printer columns match the real CRDs; the schemas keep unknown fields.
 */

const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function condition(name: string) {
  return { name, type: 'string', jsonPath: `.status.conditions[?(@.type=="${name}")].status` };
}

/** @public */
export const fallbackWorkspaceCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'workspaces.kaito.sh' },
  spec: {
    group: 'kaito.sh',
    scope: 'Namespaced',
    names: { kind: 'Workspace', listKind: 'WorkspaceList', plural: 'workspaces', singular: 'workspace', shortNames: ['wk', 'wks'], categories: ['workspace'] },
    versions: [
      {
        name: 'v1beta1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: open },
        additionalPrinterColumns: [
          { name: 'Instance', type: 'string', jsonPath: '.resource.instanceType', description: '' },
          condition('ResourceReady'),
          condition('InferenceReady'),
          condition('JobStarted'),
          condition('WorkspaceSucceeded'),
          { name: 'TargetNodeCount', type: 'integer', jsonPath: '.status.targetNodeCount' },
          { name: 'State', type: 'string', jsonPath: '.status.state' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
      {
        name: 'v1alpha1',
        served: true,
        storage: false,
        subresources: { status: {} },
        schema: { openAPIV3Schema: open },
        additionalPrinterColumns: [
          { name: 'Instance', type: 'string', jsonPath: '.resource.instanceType', description: '' },
          condition('ResourceReady'),
          condition('InferenceReady'),
          condition('JobStarted'),
          condition('WorkspaceSucceeded'),
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

/** @public */
export const fallbackNodeClaimCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'nodeclaims.karpenter.sh' },
  spec: {
    group: 'karpenter.sh',
    scope: 'Cluster',
    names: { kind: 'NodeClaim', listKind: 'NodeClaimList', plural: 'nodeclaims', singular: 'nodeclaim', categories: ['karpenter'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: open },
        additionalPrinterColumns: [
          { name: 'Type', type: 'string', jsonPath: '.metadata.labels.node\\.kubernetes\\.io/instance-type' },
          { name: 'Capacity', type: 'string', jsonPath: '.metadata.labels.karpenter\\.sh/capacity-type' },
          { name: 'Zone', type: 'string', jsonPath: '.metadata.labels.topology\\.kubernetes\\.io/zone' },
          { name: 'Node', type: 'string', jsonPath: '.status.nodeName' },
          condition('Ready'),
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

/** @public */
export const fallbackNodePoolCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'nodepools.karpenter.sh' },
  spec: {
    group: 'karpenter.sh',
    scope: 'Cluster',
    names: { kind: 'NodePool', listKind: 'NodePoolList', plural: 'nodepools', singular: 'nodepool', categories: ['karpenter'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: open },
        additionalPrinterColumns: [
          { name: 'NodeClass', type: 'string', jsonPath: '.spec.template.spec.nodeClassRef.name' },
          { name: 'Nodes', type: 'string', jsonPath: '.status.resources.nodes' },
          condition('Ready'),
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};
