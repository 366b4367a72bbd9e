import { CustomResourceDefinition, JsonSchemaProps } from '../api/kubernetes';
import { conditionSchema, requirementSchema, s, taintSchema } from './schemaBuilders';

const nodeClaimSpec: JsonSchemaProps = s.object(
  {
    nodeClassRef: s.object({ group: s.string(), kind: s.string(), name: s.string() }, ['group', 'kind', 'name']),
    requirements: s.array(requirementSchema, { maxItems: 100 }),
    taints: s.array(taintSchema),
    startupTaints: s.array(taintSchema),
    resources: s.object({ requests: s.map(s.quantity()) }),
    expireAfter: s.string('Duration or "Never"'),
    terminationGracePeriod: s.string('Duration'),
  },
  ['nodeClassRef', 'requirements'],
);

const conditions: JsonSchemaProps = {
  ...s.array(conditionSchema),
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
};

const readyColumn = { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' };
const ageColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function karpenterCrd(
  kind: 'NodeClaim' | 'NodePool',
  plural: string,
  columns: NonNullable<CustomResourceDefinition['spec']['versions'][number]['additionalPrinterColumns']>,
  spec: JsonSchemaProps,
  status: JsonSchemaProps,
): CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.karpenter.sh` },
    spec: {
      group: 'karpenter.sh',
      scope: 'Cluster',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), categories: ['karpenter'] },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: columns,
          schema: {
            openAPIV3Schema: s.object(
              { apiVersion: s.string(), kind: s.string(), metadata: { type: 'object' }, spec, status },
              ['spec'],
            ),
          },
        },
      ],
    },
  };
}

/**
 * Karpenter's `nodeclaims.karpenter.sh` CRD (v1, cluster-scoped, status subresource).
 *
 * @public
 */
export const nodeClaimCrd: CustomResourceDefinition = karpenterCrd(
  'NodeClaim',
  'nodeclaims',
  [
    { name: 'Type', type: 'string', jsonPath: '.metadata.labels.node\\.kubernetes\\.io/instance-type' },
    { name: 'Capacity', type: 'string', jsonPath: '.metadata.labels.karpenter\\.sh/capacity-type' },
    { name: 'Zone', type: 'string', jsonPath: '.metadata.labels.topology\\.kubernetes\\.io/zone' },
    { name: 'Node', type: 'string', jsonPath: '.status.nodeName' },
    readyColumn,
    ageColumn,
    { name: 'ID', type: 'string', jsonPath: '.status.providerID', priority: 1 },
    { name: 'NodePool', type: 'string', jsonPath: '.metadata.labels.karpenter\\.sh/nodepool', priority: 1 },
  ],
  nodeClaimSpec,
  s.object({
    nodeName: s.string(),
    providerID: s.string(),
    imageID: s.string(),
    capacity: s.map(s.quantity()),
    allocatable: s.map(s.quantity()),
    conditions,
    lastPodEventTime: s.string(undefined, { format: 'date-time' }),
  }),
);

/**
 * Karpenter's `nodepools.karpenter.sh` CRD (v1, cluster-scoped, status subresource).
 *
 * @public
 */
export const nodePoolCrd: CustomResourceDefinition = karpenterCrd(
  'NodePool',
  'nodepools',
  [
    { name: 'NodeClass', type: 'string', jsonPath: '.spec.template.spec.nodeClassRef.name' },
    { name: 'Nodes', type: 'string', jsonPath: '.status.resources.nodes' },
    readyColumn,
    ageColumn,
    { name: 'Weight', type: 'integer', jsonPath: '.spec.weight', priority: 1 },
  ],
  s.object(
    {
      template: s.object(
        {
          metadata: s.object({ labels: s.map(), annotations: s.map() }),
          spec: nodeClaimSpec,
        },
        ['spec'],
      ),
      disruption: s.object({
        consolidationPolicy: s.string(undefined, { enum: ['WhenEmpty', 'WhenEmptyOrUnderutilized'] }),
        consolidateAfter: s.string('Duration or "Never"'),
        budgets: s.array(
          s.object(
            {
              nodes: s.string('Count or percentage', { default: '10%' }),
              reasons: s.array(s.string(undefined, { enum: ['Underutilized', 'Empty', 'Drifted'] })),
              schedule: s.string(),
              duration: s.string(),
            },
            ['nodes'],
          ),
          { maxItems: 50 },
        ),
      }),
      limits: s.map(s.quantity()),
      weight: s.integer(undefined, { minimum: 1, maximum: 100, format: 'int32' }),
      replicas: s.integer('Static node count', { minimum: 0, format: 'int64' }),
    },
    ['template'],
  ),
  s.object({ resources: s.map(s.quantity()), nodes: s.integer(), conditions }),
);
