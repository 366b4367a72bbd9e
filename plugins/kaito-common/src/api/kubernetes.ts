/**
 * Kubernetes core types for the objects this library reads and renders, taken from
 * `kubernetes-types` (type-only, so the library stays usable in the browser and free of a
 * Kubernetes client). Each name is an alias of the library's type; where ours is deliberately
 * narrower, a one-line comment says why and the refinement is built on the library type.
 */
import type * as resource from 'kubernetes-types/api/resource';
import type * as apiextv1 from 'kubernetes-types/apiextensions/v1';
import type * as appsv1 from 'kubernetes-types/apps/v1';
import type * as batchv1 from 'kubernetes-types/batch/v1';
import type * as corev1 from 'kubernetes-types/core/v1';
import type * as metav1 from 'kubernetes-types/meta/v1';
import type * as rbacv1 from 'kubernetes-types/rbac/v1';

/**
 * A top-level object as this library renders and reads it: the library leaves `apiVersion`,
 * `kind` and `metadata` optional, but every object we write or get back from a server has them.
 * `Fields` replaces the library's own fields of those names (e.g. a required, refined `spec`).
 *
 * @public
 */
export type RenderedObject<
  T extends { apiVersion?: string; kind?: string; metadata?: metav1.ObjectMeta },
  Fields extends object = Record<never, never>,
> = Omit<T, 'apiVersion' | 'kind' | 'metadata' | keyof Fields> &
  Required<Pick<T, 'apiVersion' | 'kind'>> & { metadata: ObjectMeta } & Fields;

/** @public */
export type OwnerReference = metav1.OwnerReference;

/** @public */
export type ObjectMeta = metav1.ObjectMeta;

/** @public */
export type LabelSelectorRequirement = metav1.LabelSelectorRequirement;

/** @public */
export type LabelSelector = metav1.LabelSelector;

/** The three values a `metav1.Condition` status may take. @public */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A `metav1.Condition`; `status` narrowed to its three values so readers can compare safely. @public */
export type Condition = Omit<metav1.Condition, 'status'> & { status: ConditionStatus };

/**
 * A resource quantity such as `"80Gi"`; also a bare number, because Kaito renders GPU counts
 * as YAML integers (`nvidia.com/gpu: 1`) and the API server accepts both.
 *
 * @public
 */
export type Quantity = resource.Quantity | number;

/** Requests and limits with {@link Quantity} values (numbers allowed). @public */
export type ResourceRequirements = Omit<corev1.ResourceRequirements, 'requests' | 'limits'> & {
  requests?: Record<string, Quantity>;
  limits?: Record<string, Quantity>;
};

/** @public */
export type EnvVar = corev1.EnvVar;

/** @public */
export type VolumeMount = corev1.VolumeMount;

/** @public */
export type Probe = corev1.Probe;

/** @public */
export type ContainerPort = corev1.ContainerPort;

/**
 * A container; `image` required (the API server refuses a pod template without one and the
 * renderers always set it), resources with {@link Quantity} values.
 *
 * @public
 */
export type Container = Omit<corev1.Container, 'image' | 'resources'> & {
  image: string;
  resources?: ResourceRequirements;
};

/** @public */
export type Volume = corev1.Volume;

/** @public */
export type Toleration = corev1.Toleration;

/** @public */
export type NodeSelectorRequirement = corev1.NodeSelectorRequirement;

/** @public */
export type Affinity = corev1.Affinity;

/** A pod spec whose containers are {@link Container}s. @public */
export type PodSpec = Omit<corev1.PodSpec, 'containers' | 'initContainers'> & {
  containers: Container[];
  initContainers?: Container[];
};

/** @public */
export type PodTemplateSpec = Omit<corev1.PodTemplateSpec, 'spec'> & { spec?: PodSpec };

/** A StatefulSet's volume claim template, as the renderers write it (named, with a size). @public */
export type PersistentVolumeClaimTemplate = Omit<corev1.PersistentVolumeClaim, 'metadata' | 'spec'> & {
  metadata: ObjectMeta;
  spec: Omit<corev1.PersistentVolumeClaimSpec, 'resources'> & {
    resources: { requests: Record<string, Quantity> };
  };
};

/**
 * A StatefulSet spec: `replicas` required (the renderers always set it and readers compare it);
 * `serviceName` optional, as the server has always treated it (kubernetes/kubernetes#130233
 * corrected the OpenAPI that `kubernetes-types` 1.30 was generated from).
 *
 * @public
 */
export type StatefulSetSpec = Omit<
  appsv1.StatefulSetSpec,
  'replicas' | 'serviceName' | 'template' | 'volumeClaimTemplates'
> & {
  replicas: number;
  serviceName?: string;
  template: PodTemplateSpec;
  volumeClaimTemplates?: PersistentVolumeClaimTemplate[];
};

/** @public */
export type StatefulSet = RenderedObject<appsv1.StatefulSet, { spec: StatefulSetSpec }>;

/** @public */
export type ServicePort = corev1.ServicePort;

/** @public */
export type Service = RenderedObject<corev1.Service, { spec: corev1.ServiceSpec }>;

/** @public */
export type Job = RenderedObject<
  batchv1.Job,
  { spec: Omit<batchv1.JobSpec, 'template'> & { template: PodTemplateSpec } }
>;

/** @public */
export type ConfigMap = RenderedObject<corev1.ConfigMap>;

/** @public */
export type ServiceAccount = RenderedObject<corev1.ServiceAccount>;

/** @public */
export type PolicyRule = rbacv1.PolicyRule;

/** @public */
export type ClusterRole = RenderedObject<rbacv1.ClusterRole>;

/** @public */
export type ClusterRoleBinding = RenderedObject<rbacv1.ClusterRoleBinding>;

/** @public */
export type Role = RenderedObject<rbacv1.Role>;

/** @public */
export type RoleBinding = RenderedObject<rbacv1.RoleBinding>;

/**
 * A structural OpenAPI v3 schema node. `kubernetes-types` leaves out the `x-kubernetes-*`
 * extensions our CRDs need, and a structural schema allows only one `items` schema and a
 * basic `type`, so those are refined here.
 *
 * @public
 */
export type JsonSchemaProps = Omit<
  apiextv1.JSONSchemaProps,
  'type' | 'properties' | 'items' | 'additionalProperties' | 'allOf' | 'anyOf' | 'oneOf' | 'not'
> & {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, JsonSchemaProps>;
  items?: JsonSchemaProps;
  additionalProperties?: JsonSchemaProps | boolean;
  allOf?: JsonSchemaProps[];
  anyOf?: JsonSchemaProps[];
  oneOf?: JsonSchemaProps[];
  not?: JsonSchemaProps;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: apiextv1.ValidationRule[];
};

/** A CRD version whose schema is a {@link JsonSchemaProps} (with the `x-kubernetes-*` extensions). @public */
export type CustomResourceDefinitionVersion = Omit<apiextv1.CustomResourceDefinitionVersion, 'schema'> & {
  schema: { openAPIV3Schema: JsonSchemaProps };
};

/** A CustomResourceDefinition (apiextensions.k8s.io/v1). @public */
export type CustomResourceDefinition = RenderedObject<
  apiextv1.CustomResourceDefinition,
  { spec: Omit<apiextv1.CustomResourceDefinitionSpec, 'versions'> & { versions: CustomResourceDefinitionVersion[] } }
>;
