import { StatusCause } from '../errors';
import { KubeObject } from '../types';
import { defaultPodOnly, defaultPodSpec, defaultPodTemplate } from './defaults/podSpecDefaults';
import { defaultService, keepAllocatedServiceValues } from './defaults/serviceDefaults';
import { defaultDeploymentSpec, defaultStatefulSetSpec } from './defaults/workloadDefaults';
import { validateCoreEvent, validateEventsV1Create } from './validation/eventRules';
import { validateResourceRequirements } from './validation/resourceRequirements';
import { defaultWebhookConfiguration, validateWebhookConfiguration, WEBHOOK_CONFIGURATION_KEYS } from './validation/webhookConfigurationRules';

/**
 * Defaults and checks the API server applies to the built-in kinds the simulator serves; only the
 * fields clients commonly read back are covered. Pod-spec, workload and Service defaults live in
 * ./defaults, format decoding and field checks in ./validation.
 */

/** What an update keeps from the stored object when the client leaves it out. @internal */
export function keepServerAllocatedValues(resource: string, previous: KubeObject, next: KubeObject): void {
  if (resource === 'services') keepAllocatedServiceValues(previous, next);
}

/** Applies the API server's defaults to a new or updated built-in object, in place. @internal */
export function applyBuiltinDefaults(resource: string, object: KubeObject, isCreate: boolean): void {
  switch (resource) {
    case 'namespaces':
      object.metadata.labels = { ...(object.metadata.labels ?? {}), 'kubernetes.io/metadata.name': object.metadata.name! };
      object.spec ??= {};
      object.spec.finalizers ??= ['kubernetes'];
      if (isCreate) object.status = { phase: 'Active' };
      break;
    case 'pods':
      object.spec ??= {};
      object.spec.serviceAccountName ||= object.spec.serviceAccount || 'default';
      object.spec.serviceAccount ||= object.spec.serviceAccountName;
      // The Priority admission plugin, for a pod without a priority class.
      object.spec.priority ??= 0;
      object.spec.preemptionPolicy ??= 'PreemptLowerPriority';
      defaultPodSpec(object.spec);
      defaultPodOnly(object.spec);
      addDefaultTolerations(object.spec);
      if (isCreate) object.status = { phase: 'Pending', qosClass: qosClassOf(object.spec) };
      break;
    case 'services':
      defaultService(object, isCreate);
      break;
    case 'nodes':
      if (isCreate) addNotReadyTaint(object);
      if (object.status?.capacity && !object.status.allocatable) object.status.allocatable = { ...object.status.capacity };
      break;
    case 'secrets':
      object.type ??= 'Opaque';
      if (object.stringData) {
        object.data = { ...(object.data ?? {}) };
        for (const [key, value] of Object.entries(object.stringData)) {
          object.data[key] = Buffer.from(String(value)).toString('base64');
        }
        delete object.stringData;
      }
      break;
    case 'statefulsets.apps':
      object.spec ??= {};
      defaultStatefulSetSpec(object.spec);
      defaultPodTemplate(object.spec.template);
      break;
    case 'deployments.apps':
      object.spec ??= {};
      defaultDeploymentSpec(object.spec);
      defaultPodTemplate(object.spec.template);
      break;
    case 'replicasets.apps':
      object.spec ??= {};
      object.spec.replicas ??= 1;
      defaultPodTemplate(object.spec.template);
      break;
    case 'jobs.batch':
      defaultJob(object, isCreate);
      break;
    case 'persistentvolumeclaims':
      object.spec ??= {};
      object.spec.volumeMode ??= 'Filesystem';
      if (isCreate) object.status = { phase: 'Pending' };
      break;
    case WEBHOOK_CONFIGURATION_KEYS.validating:
    case WEBHOOK_CONFIGURATION_KEYS.mutating:
      defaultWebhookConfiguration(object, resource === WEBHOOK_CONFIGURATION_KEYS.mutating);
      break;
    default:
      break;
  }
}

/** Whether a Go pointer field is nil: absent or null in JSON. */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

function defaultJob(object: KubeObject, isCreate: boolean) {
  object.spec ??= {};
  const spec = object.spec;
  // Only a Job that gives neither gets completions 1 (a work queue gives parallelism alone).
  if (isUnset(spec.completions) && isUnset(spec.parallelism)) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= isUnset(spec.backoffLimitPerIndex) ? 6 : 2147483647;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  if (isCreate && !spec.manualSelector) {
    // The API server selects a Job's pods by its uid and labels the template to match.
    const uid = object.metadata.uid!;
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    spec.template ??= {};
    spec.template.metadata ??= {};
    spec.template.metadata.labels = {
      ...(spec.template.metadata.labels ?? {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': object.metadata.name!,
      'controller-uid': uid,
      'job-name': object.metadata.name!,
    };
  }
  // A Job without labels of its own takes its template's (defaulting runs again on read, after the selector labels are set).
  if (!Object.keys(object.metadata.labels ?? {}).length && spec.template?.metadata?.labels) {
    object.metadata.labels = { ...spec.template.metadata.labels };
  }
  defaultPodTemplate(spec.template);
}

/** The DefaultTolerationSeconds admission plugin: tolerate not-ready and unreachable nodes for 300 s. */
function addDefaultTolerations(spec: any) {
  const tolerations: any[] = spec.tolerations ?? [];
  const has = (key: string) => tolerations.some(t => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!has(key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}

/** The taint the TaintNodesByCondition admission plugin puts on every new Node. @internal */
export const NOT_READY_TAINT = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' } as const;

function addNotReadyTaint(node: KubeObject) {
  node.spec ??= {};
  const taints: any[] = node.spec.taints ?? [];
  if (!taints.some(t => t.key === NOT_READY_TAINT.key && t.effect === NOT_READY_TAINT.effect)) taints.push({ ...NOT_READY_TAINT });
  node.spec.taints = taints;
}

function qosClassOf(spec: any): string {
  const containers: any[] = spec?.containers ?? [];
  const all = containers.map(c => c.resources ?? {});
  if (all.every(r => !r.requests && !r.limits)) return 'BestEffort';
  const guaranteed = all.every(
    r => r.limits?.cpu && r.limits?.memory && (!r.requests || (r.requests.cpu === r.limits.cpu && r.requests.memory === r.limits.memory)),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** The checks the API server makes on built-in kinds that clients most often trip over. @internal */
export function validateBuiltin(resource: string, object: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const required = (value: unknown, field: string) => {
    if (value === undefined || value === null || value === '') causes.push({ reason: 'FieldValueRequired', message: 'Required value', field });
  };
  const podSpec = (spec: any, prefix: string) => {
    if (!spec?.containers?.length) {
      causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${prefix}.containers` });
      return;
    }
    spec.containers.forEach((c: any, i: number) => {
      required(c.name, `${prefix}.containers[${i}].name`);
      required(c.image, `${prefix}.containers[${i}].image`);
      causes.push(...validateResourceRequirements(c.resources, `${prefix}.containers[${i}].resources`));
    });
    (spec.initContainers ?? []).forEach((c: any, i: number) => {
      causes.push(...validateResourceRequirements(c?.resources, `${prefix}.initContainers[${i}].resources`));
    });
  };
  switch (resource) {
    case 'pods':
      podSpec(object.spec, 'spec');
      break;
    case 'statefulsets.apps':
    case 'deployments.apps':
    case 'replicasets.apps':
      required(object.spec?.selector, 'spec.selector');
      podSpec(object.spec?.template?.spec, 'spec.template.spec');
      if (object.spec?.selector?.matchLabels) {
        const labels = object.spec?.template?.metadata?.labels ?? {};
        const ok = Object.entries(object.spec.selector.matchLabels).every(([k, v]) => labels[k] === v);
        if (!ok) {
          causes.push({
            reason: 'FieldValueInvalid',
            message: 'Invalid value: map[string]string(nil): `selector` does not match template `labels`',
            field: 'spec.template.metadata.labels',
          });
        }
      }
      if (typeof object.spec?.replicas === 'number' && object.spec.replicas < 0) {
        causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${object.spec.replicas}: must be greater than or equal to 0`, field: 'spec.replicas' });
      }
      break;
    case 'jobs.batch':
      podSpec(object.spec?.template?.spec, 'spec.template.spec');
      if (object.spec?.template?.spec && !['Never', 'OnFailure'].includes(object.spec.template.spec.restartPolicy)) {
        causes.push({
          reason: 'FieldValueNotSupported',
          message: `Unsupported value: "${object.spec.template.spec.restartPolicy}": supported values: "OnFailure", "Never"`,
          field: 'spec.template.spec.restartPolicy',
        });
      }
      break;
    case 'services':
      for (const [i, port] of (object.spec?.ports ?? []).entries()) required(port.port, `spec.ports[${i}].port`);
      break;
    case WEBHOOK_CONFIGURATION_KEYS.validating:
    case WEBHOOK_CONFIGURATION_KEYS.mutating:
      causes.push(...validateWebhookConfiguration(object, resource === WEBHOOK_CONFIGURATION_KEYS.mutating));
      break;
    case 'events':
      required(object.involvedObject, 'involvedObject');
      causes.push(...validateCoreEvent(object));
      break;
    case 'leases.coordination.k8s.io': {
      // ValidateLeaseSpec.
      const spec = object.spec ?? {};
      if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0) {
        causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${spec.leaseDurationSeconds}: must be greater than 0`, field: 'spec.leaseDurationSeconds' });
      }
      if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0) {
        causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${spec.leaseTransitions}: must be greater than or equal to 0`, field: 'spec.leaseTransitions' });
      }
      if (spec.preferredHolder && !spec.strategy) {
        causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may only be specified if `strategy` is defined', field: 'spec.preferredHolder' });
      }
      break;
    }
    case 'events.events.k8s.io':
      causes.push(...validateEventsV1Create(object));
      break;
    case 'customresourcedefinitions.apiextensions.k8s.io': {
      const spec = object.spec ?? {};
      required(spec.group, 'spec.group');
      required(spec.names?.plural, 'spec.names.plural');
      required(spec.names?.kind, 'spec.names.kind');
      if (!spec.versions?.length) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.versions' });
      if (spec.group && spec.names?.plural && object.metadata.name !== `${spec.names.plural}.${spec.group}`) {
        causes.push({
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${object.metadata.name}": must be spec.names.plural+"."+spec.group`,
          field: 'metadata.name',
        });
      }
      break;
    }
    default:
      break;
  }
  return causes;
}
