import { OwnerReference } from '../api/kubernetes';
import { Workspace } from '../api/workspace';
import { KaitoAnnotations, KaitoLabels } from '../labels';
import { InferenceSet } from './inferenceSet';

/** Labels Kaito copies from the set's own metadata too, in case the template's were pruned. */
const PROPAGATED_SET_LABELS = ['kaito.sh/inference-role', 'kaito.sh/multi-role-inference-parent'];

/** The owner reference every child carries: the set (as v1beta1, Kaito's storage version) is its controller. @public */
export function inferenceSetOwnerReference(set: InferenceSet): OwnerReference {
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'InferenceSet',
    name: set.metadata.name,
    uid: set.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The selector of a set's children (and of its scale subresource). @public */
export function inferenceSetSelector(set: Pick<InferenceSet, 'metadata'>): string {
  return `${KaitoLabels.inferenceSetCreatedBy}=${set.metadata.name}`;
}

/** The labels every child Workspace gets: the template's, select labels of the set, and `created-by`. @public */
export function inferenceSetChildLabels(set: InferenceSet): Record<string, string> {
  const labels: Record<string, string> = { ...(set.spec.template.metadata?.labels ?? {}) };
  for (const key of PROPAGATED_SET_LABELS) {
    const value = set.metadata.labels?.[key];
    if (value !== undefined) labels[key] = value;
  }
  labels[KaitoLabels.inferenceSetCreatedBy] = set.metadata.name;
  return labels;
}

/** The API server keeps at most 58 characters of a generateName and adds 5 random ones. */
const GENERATE_NAME_BASE_MAX = 58;

/**
 * The child Workspace Kaito's InferenceSet controller creates for one replica
 * (pkg/utils/inferenceset NewWorkspaceForInferenceSet): `generateName: <set>-`, the
 * template's labels and annotations plus `inferenceset.kaito.sh/created-by`, the set as
 * controller owner, the set's labelSelector, the template's inference and partition, and
 * the instance type unless nodes are brought by the user (the Workspace webhook refuses one).
 * `name`, when given, stands for the name the API server will make (for validation).
 *
 * @public
 */
export function renderInferenceSetWorkspace(
  set: InferenceSet,
  options: { nodeAutoProvisioning: boolean; name?: string },
): Workspace {
  const annotations: Record<string, string> = { ...(set.spec.template.metadata?.annotations ?? {}) };
  // The benchmark is on by default; only its opt-out on the set travels to the children.
  if (set.metadata.annotations?.[KaitoAnnotations.disableBenchmark] === 'true') {
    annotations[KaitoAnnotations.disableBenchmark] = 'true';
  }
  const { instanceType, partition } = set.spec.template.resource ?? {};
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: {
      ...(options.name ? { name: options.name } : { name: '' }),
      generateName: `${set.metadata.name.slice(0, GENERATE_NAME_BASE_MAX)}-`,
      ...(set.metadata.namespace ? { namespace: set.metadata.namespace } : {}),
      labels: inferenceSetChildLabels(set),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [inferenceSetOwnerReference(set)],
    },
    resource: {
      labelSelector: set.spec.labelSelector,
      ...(options.nodeAutoProvisioning && instanceType ? { instanceType } : {}),
      ...(partition ? { partition } : {}),
    },
    inference: structuredClone(set.spec.template.inference),
  };
}

/** A stand-in for the name the API server would generate, to validate a child before it exists. @internal */
export function exampleChildName(set: Pick<InferenceSet, 'metadata'>): string {
  return `${set.metadata.name.slice(0, GENERATE_NAME_BASE_MAX)}-xxxxx`;
}
