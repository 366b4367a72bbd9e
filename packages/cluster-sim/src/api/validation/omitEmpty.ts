import { kindSchemas } from '../../openapi/groupVersionDocument';
import { OpenApiSchema, refName } from '../../openapi/openApiTypes';
import { ResourceType } from '../../registry/ResourceType';
import { KubeObject } from '../../types';

/**
 * A real API server decodes a built-in object into Go structs and encodes it back for storage. Every
 * optional field of k8s.io/api is tagged `omitempty`, so a zero value (`0`, `false`, `""`), an empty
 * list or map, or `null` the client sent is gone when the object is read back, unless the field is a
 * pointer (then only `null` goes) or has no `omitempty`. Structs stay, even empty (`emptyDir: {}`).
 * Controllers that compare what they sent with what they read must cope with exactly this.
 *
 * The schemas the simulator publishes (from client-node's models) give each field's JSON type, but
 * not whether Go holds it in a pointer; the two tables below carry that, keyed `Type.field`, for the
 * types of the kinds the simulator serves. Facts from k8s.io/api v1.32 (types.go of core/v1, apps/v1,
 * batch/v1, coordination/v1, rbac/v1) and apimachinery meta/v1.
 */

/** Scalar and time fields held in a pointer: a zero value is kept, only `null` goes. */
const POINTER_FIELDS = new Set([
  'ObjectMeta.deletionGracePeriodSeconds',
  'ObjectMeta.deletionTimestamp',
  'LeaseSpec.acquireTime',
  'LeaseSpec.renewTime',
  'OwnerReference.controller',
  'OwnerReference.blockOwnerDeletion',
  'PodSpec.terminationGracePeriodSeconds',
  'PodSpec.activeDeadlineSeconds',
  'PodSpec.automountServiceAccountToken',
  'PodSpec.shareProcessNamespace',
  'PodSpec.priority',
  'PodSpec.enableServiceLinks',
  'PodSpec.preemptionPolicy',
  'PodSpec.setHostnameAsFQDN',
  'PodSpec.hostUsers',
  'PodSpec.runtimeClassName',
  'PodSecurityContext.runAsUser',
  'PodSecurityContext.runAsGroup',
  'PodSecurityContext.runAsNonRoot',
  'PodSecurityContext.fsGroup',
  'PodSecurityContext.fsGroupChangePolicy',
  'PodSecurityContext.supplementalGroupsPolicy',
  'PodSecurityContext.seLinuxChangePolicy',
  'SecurityContext.privileged',
  'SecurityContext.runAsUser',
  'SecurityContext.runAsGroup',
  'SecurityContext.runAsNonRoot',
  'SecurityContext.readOnlyRootFilesystem',
  'SecurityContext.allowPrivilegeEscalation',
  'SecurityContext.procMount',
  'Container.restartPolicy',
  'Probe.terminationGracePeriodSeconds',
  'SecretVolumeSource.defaultMode',
  'SecretVolumeSource.optional',
  'ConfigMapVolumeSource.defaultMode',
  'ConfigMapVolumeSource.optional',
  'ProjectedVolumeSource.defaultMode',
  'DownwardAPIVolumeSource.defaultMode',
  'KeyToPath.mode',
  'DownwardAPIVolumeFile.mode',
  'ConfigMapProjection.optional',
  'SecretProjection.optional',
  'ServiceAccountTokenProjection.expirationSeconds',
  'HostPathVolumeSource.type',
  'ConfigMapKeySelector.optional',
  'SecretKeySelector.optional',
  'ConfigMapEnvSource.optional',
  'SecretEnvSource.optional',
  'Toleration.tolerationSeconds',
  'ServiceSpec.allocateLoadBalancerNodePorts',
  'ServiceSpec.loadBalancerClass',
  'ServiceSpec.internalTrafficPolicy',
  'ServiceSpec.ipFamilyPolicy',
  'ServiceSpec.trafficDistribution',
  'ServicePort.appProtocol',
  'ClientIPConfig.timeoutSeconds',
  'GRPCAction.service',
  'StatefulSetSpec.replicas',
  'StatefulSetSpec.revisionHistoryLimit',
  'RollingUpdateStatefulSetStrategy.partition',
  'DeploymentSpec.replicas',
  'DeploymentSpec.revisionHistoryLimit',
  'DeploymentSpec.progressDeadlineSeconds',
  'JobSpec.parallelism',
  'JobSpec.completions',
  'JobSpec.activeDeadlineSeconds',
  'JobSpec.backoffLimit',
  'JobSpec.backoffLimitPerIndex',
  'JobSpec.maxFailedIndexes',
  'JobSpec.ttlSecondsAfterFinished',
  'JobSpec.manualSelector',
  'JobSpec.suspend',
  'JobSpec.completionMode',
  'JobSpec.podReplacementPolicy',
  'JobSpec.managedBy',
  'ConfigMap.immutable',
  'Secret.immutable',
  'ServiceAccount.automountServiceAccountToken',
  'LeaseSpec.holderIdentity',
  'LeaseSpec.leaseDurationSeconds',
  'LeaseSpec.leaseTransitions',
  'LeaseSpec.strategy',
  'LeaseSpec.preferredHolder',
]);

/** Fields without `omitempty`: written back whatever they hold. */
const ALWAYS_WRITTEN = new Set([
  'PodSpec.containers',
  'Container.name',
  'EnvVar.name',
  'Volume.name',
  'VolumeMount.name',
  'VolumeMount.mountPath',
  'ContainerPort.containerPort',
  'ServicePort.port',
  'GRPCAction.port',
  'KeyToPath.key',
  'KeyToPath.path',
  'ConfigMapKeySelector.key',
  'SecretKeySelector.key',
  'ObjectFieldSelector.fieldPath',
  'ResourceFieldSelector.resource',
  'HTTPHeader.name',
  'HTTPHeader.value',
  'OwnerReference.apiVersion',
  'OwnerReference.kind',
  'OwnerReference.name',
  'OwnerReference.uid',
  'LabelSelectorRequirement.key',
  'LabelSelectorRequirement.operator',
  'NodeSelector.nodeSelectorTerms',
  'NodeSelectorRequirement.key',
  'NodeSelectorRequirement.operator',
  'PreferredSchedulingTerm.weight',
  'WeightedPodAffinityTerm.weight',
  'PodAffinityTerm.topologyKey',
  'TopologySpreadConstraint.maxSkew',
  'TopologySpreadConstraint.topologyKey',
  'TopologySpreadConstraint.whenUnsatisfiable',
  'StatefulSetSpec.serviceName',
  'StatefulSetOrdinals.start',
  'PolicyRule.verbs',
  'Role.rules',
  'ClusterRole.rules',
  'RoleRef.apiGroup',
  'RoleRef.kind',
  'RoleRef.name',
  'Subject.kind',
  'Subject.name',
]);

/** Groups whose objects are not plain k8s.io/api structs (CRDs hold JSON schemas, full of pointers). */
const SKIPPED_GROUPS = new Set(['apiextensions.k8s.io']);

/** Subtrees the server writes itself, or that clients cannot set through the main resource. */
const SKIPPED_ROOT_FIELDS = new Set(['apiVersion', 'kind', 'status']);
const SKIPPED_META_FIELDS = new Set(['managedFields']);

function resolve(schema: OpenApiSchema | undefined, pool: Record<string, OpenApiSchema>): { schema?: OpenApiSchema; type?: string } {
  let current = schema;
  let type: string | undefined;
  for (let hops = 0; current && hops < 16; hops++) {
    const name = refName(current) ?? (current.allOf?.length === 1 ? refName(current.allOf[0]) : undefined);
    if (!name) break;
    type = name.slice(name.lastIndexOf('.') + 1);
    current = pool[name];
  }
  return { schema: current, type };
}

function isEmptyValue(value: unknown, schema: OpenApiSchema): boolean {
  // A Time or MicroTime held by value encodes its zero as `null`, which therefore stays.
  if (schema.format === 'date-time') return false;
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    // Maps (additionalProperties only) go when empty; structs stay, even as `{}`.
    return !schema.properties && schema.additionalProperties !== undefined && Object.keys(value as object).length === 0;
  }
  if (schema['x-kubernetes-int-or-string']) return false;
  return value === 0 || value === false || value === '';
}

function isNullOnly(value: unknown): boolean {
  return value === null;
}

function walkObject(value: Record<string, unknown>, schema: OpenApiSchema, type: string | undefined, pool: Record<string, OpenApiSchema>, depth: number): void {
  const properties: Record<string, OpenApiSchema> | undefined = schema.properties;
  if (!properties || schema['x-kubernetes-preserve-unknown-fields']) return;
  for (const key of Object.keys(value)) {
    if (depth === 0 && SKIPPED_ROOT_FIELDS.has(key)) continue;
    if (type === 'ObjectMeta' && SKIPPED_META_FIELDS.has(key)) continue;
    const declared = properties[key];
    if (!declared) continue;
    const { schema: child, type: childType } = resolve(declared, pool);
    if (!child) continue;
    const field = `${type}.${key}`;
    const item = value[key];
    if (!ALWAYS_WRITTEN.has(field)) {
      const drop = POINTER_FIELDS.has(field) ? isNullOnly(item) : isEmptyValue(item, child);
      if (drop) {
        delete value[key];
        continue;
      }
    }
    walkValue(item, child, childType, pool, depth + 1);
  }
}

function walkValue(value: unknown, schema: OpenApiSchema, type: string | undefined, pool: Record<string, OpenApiSchema>, depth: number): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const { schema: items, type: itemType } = resolve(schema.items, pool);
    if (items) for (const item of value) walkValue(item, items, itemType, pool, depth);
    return;
  }
  // Map values are kept as sent (`data: {a: ""}` stays); only their struct values are walked.
  if (!schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const { schema: values, type: valueType } = resolve(schema.additionalProperties, pool);
    if (values?.properties) for (const entry of Object.values(value)) walkValue(entry, values, valueType, pool, depth);
    return;
  }
  walkObject(value as Record<string, unknown>, schema, type, pool, depth);
}

/**
 * Drops, in place, what a real server's Go round trip drops from a built-in object a client sent
 * (see the file comment); custom resources keep what their structural schema allows.
 * @internal
 */
export function dropOmittedEmptyFields(type: ResourceType, version: string, object: KubeObject): void {
  if (type.crd || SKIPPED_GROUPS.has(type.group)) return;
  const schemas = kindSchemas(type, version);
  if (!schemas) return;
  const root = schemas.pool[schemas.name];
  if (!root) return;
  walkObject(object as unknown as Record<string, unknown>, root, type.kind, schemas.pool, 0);
}
