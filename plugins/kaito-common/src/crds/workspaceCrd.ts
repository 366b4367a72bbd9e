import { CustomResourceDefinition, JsonSchemaProps } from '../api/kubernetes';
import { conditionSchema, labelSelectorSchema, s } from './schemaBuilders';

type Version = 'v1alpha1' | 'v1beta1';

function presetSchema(version: Version): JsonSchemaProps {
  return s.object(
    {
      name: s.string('Preset name or Hugging Face id'),
      accessMode: s.string('Deprecated', { enum: ['public', 'private'], default: 'public' }),
      presetOptions: s.object({
        image: s.string('Deprecated'),
        imagePullSecrets: s.array(s.string()),
        ...(version === 'v1beta1' ? { modelAccessSecret: s.string('Secret with the key HF_TOKEN') } : {}),
      }),
    },
    ['name'],
  );
}

const dataSource = s.object({
  name: s.string(),
  urls: s.array(s.string()),
  volumeSource: s.open('A core/v1 VolumeSource'),
  image: s.string(),
  imagePullSecrets: s.array(s.string()),
});

function workspaceSchema(version: Version): JsonSchemaProps {
  const resource = s.object(
    {
      count: s.integer('Deprecated: node count for the transformers runtime', { default: 1, minimum: 1 }),
      instanceType: s.string(
        'GPU SKU; required with node auto-provisioning, empty for BYO nodes',
        version === 'v1alpha1' ? { default: 'Standard_NC24ads_A100_v4' } : {},
      ),
      labelSelector: labelSelectorSchema,
      preferredNodes: s.array(s.string()),
      ...(version === 'v1beta1'
        ? {
            partition: s.object({
              mode: s.string(undefined, { enum: ['mig', 'accelerator'] }),
              profile: s.string('MIG profile, e.g. 1g.10gb'),
              count: s.integer(undefined, { minimum: 1 }),
            }),
          }
        : {}),
    },
    ['labelSelector'],
  );
  const inference = s.object({
    preset: presetSchema(version),
    template: s.open('A core/v1 PodTemplateSpec'),
    config: s.string('ConfigMap with inference_config.yaml'),
    // Kaito v0.12 gives strength no default: vLLM refuses any strength, and the transformers runtime applies 1.0 itself.
    adapters: s.array(s.object({ source: dataSource, strength: s.string() }), { maxItems: 10 }),
  });
  const tuning = s.object(
    {
      preset: presetSchema(version),
      // No enum: Kaito v0.12's webhook accepts lora and qlora in any case.
      method: s.string('lora or qlora, in any case'),
      config: s.string('ConfigMap with training_config.yaml'),
      input: dataSource,
      output: s.object({ volumeSource: s.open('A core/v1 VolumeSource'), image: s.string(), imagePushSecret: s.string() }),
    },
    ['input', 'output'],
  );
  const status = s.object({
    workerNodes: s.array(s.string()),
    conditions: { ...s.array(conditionSchema), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
    ...(version === 'v1beta1'
      ? {
          state: s.string('Pending, Ready, NotReady (inference) or Running, Succeeded, Failed (tuning)'),
          targetNodeCount: s.integer('Estimated node count, written once', { format: 'int32' }),
          performance: s.open('Post-load benchmark metrics'),
        }
      : {}),
  });
  return s.object(
    {
      apiVersion: s.string(),
      kind: s.string(),
      metadata: { type: 'object' },
      resource,
      inference,
      tuning,
      status,
    },
    [],
    'Workspace is the Schema for the workspaces API (resource, inference and tuning are top-level, there is no spec)',
  );
}

function conditionColumn(name: string) {
  return { name, type: 'string', jsonPath: `.status.conditions[?(@.type=="${name}")].status` };
}

function printerColumns(version: Version) {
  return [
    { name: 'Instance', type: 'string', jsonPath: '.resource.instanceType' },
    conditionColumn('ResourceReady'),
    conditionColumn('InferenceReady'),
    conditionColumn('JobStarted'),
    conditionColumn('WorkspaceSucceeded'),
    ...(version === 'v1beta1'
      ? [
          { name: 'TargetNodeCount', type: 'integer', jsonPath: '.status.targetNodeCount' },
          { name: 'State', type: 'string', jsonPath: '.status.state' },
        ]
      : []),
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ];
}

/**
 * Kaito's `workspaces.kaito.sh` CRD (kaito.md §1.1): v1alpha1 served, v1beta1 served and
 * stored, status subresource, Kaito's printer columns and a structural schema, for
 * clusters without Kaito's chart.
 *
 * @public
 */
export const workspaceCrd: CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'workspaces.kaito.sh' },
  spec: {
    group: 'kaito.sh',
    scope: 'Namespaced',
    names: {
      kind: 'Workspace',
      listKind: 'WorkspaceList',
      plural: 'workspaces',
      singular: 'workspace',
      shortNames: ['wk', 'wks'],
      categories: ['workspace'],
    },
    versions: (['v1alpha1', 'v1beta1'] as const).map(version => ({
      name: version,
      served: true,
      storage: version === 'v1beta1',
      subresources: { status: {} },
      additionalPrinterColumns: printerColumns(version),
      schema: { openAPIV3Schema: workspaceSchema(version) },
    })),
  },
};
