import { CustomResourceDefinition, JsonSchemaProps } from '../api/kubernetes';
import { conditionSchema, labelSelectorSchema, s } from './schemaBuilders';
import { workspaceCrd } from './workspaceCrd';

type Version = 'v1alpha1' | 'v1beta1';

/** The Workspace's v1beta1 schema: InferenceSet embeds v1beta1's InferenceSpec in both of its versions. */
const workspaceV1beta1 = workspaceCrd.spec.versions.find(v => v.name === 'v1beta1')!.schema.openAPIV3Schema.properties!;
const inferenceSchema = workspaceV1beta1.inference;
const partitionSchema = workspaceV1beta1.resource.properties!.partition;

function specSchema(version: Version): JsonSchemaProps {
  const resource = s.object({
    instanceType: s.string('GPU node SKU; required with node auto-provisioning, empty for BYO nodes'),
    ...(version === 'v1beta1' ? { partition: { ...partitionSchema, required: ['mode'] } } : {}),
  });
  const template = s.object(
    { metadata: s.open('Labels and annotations for every child Workspace'), resource, inference: inferenceSchema },
    ['inference'],
    'Template is the template used to create the InferenceSet.',
  );
  const autoUpgrade = s.object({
    enabled: s.boolean(),
    strategy: s.string(undefined, { enum: ['InPlace', 'Surge'], default: 'InPlace' }),
    maintenanceWindow: s.object(
      { schedule: s.string('5-field cron, UTC'), duration: s.string(undefined, { default: '4h' }) },
      ['schedule'],
    ),
  });
  return s.object(
    {
      template,
      replicas: s.integer('Replicas is the desired number of workspaces to be created.', { format: 'int32', minimum: 0, default: 1 }),
      nodeCountLimit: s.integer('The maximum number of GPU nodes all replicas may use; none when unset'),
      labelSelector: labelSelectorSchema,
      updateStrategy: {
        ...s.open('StatefulSet-style update strategy'),
        default: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      },
      autoUpgrade: { ...autoUpgrade, properties: { ...autoUpgrade.properties, enabled: { ...s.boolean(), default: false } } },
    },
    ['labelSelector', 'template'],
  );
}

const metricSchema = s.object(
  { description: s.string(), value: s.string(), unit: s.string(), config: s.map() },
  ['description', 'value'],
);

const statusSchema = s.object({
  replicas: s.integer('Total number of workspaces created by the InferenceSet'),
  readyReplicas: s.integer('Workspaces in ready state'),
  selector: s.string('Label selector of the children, for the scale subresource'),
  conditions: s.array(conditionSchema),
  performance: s.object({ metrics: s.map(metricSchema) }),
  autoUpgrade: s.object({
    numDriftedWorkspaces: s.integer(),
    lastSuccessfulUpgradeTime: s.string(undefined, { format: 'date-time' }),
  }),
});

/**
 * Kaito v0.12's `inferencesets.kaito.sh` CRD (config/crd/bases/kaito.sh_inferencesets.yaml):
 * v1alpha1 served, v1beta1 served and stored, status and scale subresources (selector
 * from `.status.selector`), Kaito's printer columns, short names `is` and `isets`.
 *
 * @public
 */
export const inferenceSetCrd: CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'inferencesets.kaito.sh' },
  spec: {
    group: 'kaito.sh',
    scope: 'Namespaced',
    names: {
      kind: 'InferenceSet',
      listKind: 'InferenceSetList',
      plural: 'inferencesets',
      singular: 'inferenceset',
      shortNames: ['is', 'isets'],
      categories: ['inferenceset'],
    },
    versions: (['v1alpha1', 'v1beta1'] as const).map(version => ({
      name: version,
      served: true,
      storage: version === 'v1beta1',
      subresources: {
        status: {},
        scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' },
      },
      additionalPrinterColumns: [
        { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
        { name: 'ReadyReplicas', type: 'integer', jsonPath: '.status.readyReplicas' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
      schema: {
        openAPIV3Schema: s.object(
          { apiVersion: s.string(), kind: s.string(), metadata: { type: 'object' }, spec: specSchema(version), status: statusSchema },
          ['spec'],
          'InferenceSet is the Schema for the InferenceSet API',
        ),
      },
    })),
  },
};
