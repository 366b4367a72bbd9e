/**
 * A simulated Kubernetes API server with GPU nodes, pods and model servers.
 *
 * @packageDocumentation
 */

export { startClusterSimulator } from './ClusterSimulator';
export type { ClusterSimulator } from './ClusterSimulator';
export type { ClusterSimulatorOptions, BehaviourOptions, ContainerFailure, LaunchFailure } from './options';
export { FaultInjector } from './faults';
export type { FaultRule, ApiVerb } from './faults';
export { ObjectStore } from './store/ObjectStore';
export type {
  ObjectStoreOptions,
  StoreEvent,
  StoreEventType,
  StoreListener,
  StoreSnapshot,
} from './store/ObjectStore';
export { ResourceApi } from './api/ResourceApi';
export type {
  DeleteOptions,
  ListOptions,
  ListResult,
  PatchedObjectCheck,
  PatchType,
  RequestScope,
  ResourceApiHooks,
  WriteOptions,
} from './api/ResourceApi';
export { ResourceRegistry } from './registry/ResourceRegistry';
export type { PrinterColumn, ResourceType } from './registry/ResourceType';
export { ApiError } from './errors';
export type { StatusBody, StatusCause } from './errors';
export { renderKubeconfig } from './kubeconfig';
export type { KubeconfigOptions } from './kubeconfig';
export { createSelfSignedServingCertificate } from './tls/selfSignedCertificate';
export type { CertificateKeyType, SelfSignedCertificateOptions, ServingCertificate } from './tls/selfSignedCertificate';
export { widgetCrd } from './crds/widgetCrd';
export type { KubeObject, ObjectMeta, ManagedFieldsEntry, Clock } from './types';
export { attributesOfRequest } from './auth/attributes';
export type { AuthorizationAttributes, ResourceAttributes, UserInfo } from './auth/attributes';
export { ruleAllows, subjectMatches, serviceAccountUserName } from './auth/policyRules';
export type { PolicyRule, RbacSubject } from './auth/policyRules';
export { AuthorizationLog } from './auth/AuthorizationLog';
export type { AuthorizationRecord } from './auth/AuthorizationLog';
export { RbacAuthorizer } from './auth/RbacAuthorizer';
export type { AuthorizationDecision } from './auth/RbacAuthorizer';
export { TokenAuthenticator, ADMIN_USER } from './auth/TokenAuthenticator';
export type { StaticUser } from './auth/TokenAuthenticator';
export { forbiddenError } from './auth/forbidden';
export { bootstrapPolicy } from './auth/bootstrapPolicy';
