/**
 * The one table of Kubernetes permissions the portal's controller and REST API
 * use. The shipped `rbac.yaml` is rendered from it, and the start-up
 * permission check asks the API server about exactly these rows, so the code,
 * the manifest and the check cannot disagree.
 */

/** Namespace of the controller's ServiceAccount and its leader-election Lease by default. @public */
export const DEFAULT_CONTROLLER_NAMESPACE = 'kaito-backstage';

/** A Kubernetes API verb the portal uses. @public */
export type ControllerVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

/** Kubernetes' usual order of verbs, used when rendering rules. @public */
export const VERB_ORDER: readonly ControllerVerb[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** How a cluster is used, which decides the permissions needed. @public */
export interface ControllerPermissionContext {
  mode: 'builtin' | 'observe';
  provisioner: 'gpu-provisioner' | 'karpenter' | 'byo';
  installCrds: boolean;
  leaderElection: boolean;
}

/** One resource the portal touches, with the verbs and when it needs them. @public */
export interface ControllerPermission {
  /** API group; `''` is the core group. */
  group: string;
  /** Plural resource name. */
  resource: string;
  subresource?: string;
  verbs: readonly ControllerVerb[];
  /** `cluster`: every namespace or cluster-scoped (ClusterRole); `leaseNamespace`: only there (Role). */
  scope: 'cluster' | 'leaseNamespace';
  resourceNames?: readonly string[];
  /** Cluster modes that use it. */
  modes: readonly ControllerPermissionContext['mode'][];
  /** Only these provisioners use it; every one when absent. */
  provisioners?: readonly ControllerPermissionContext['provisioner'][];
  /** Only used with `installCrds: true`; not in the shipped manifest. */
  installCrdsOnly?: boolean;
  /** Only used with leader election on. */
  leaderElectionOnly?: boolean;
  /** What the portal uses it for, shown next to a missing permission. */
  usedFor: string;
}

// Informers list and watch. The only single reads (get) are of an object whose create answered 409 and
// which the informers cannot see (they select labelled objects): Services, StatefulSets and Jobs, whose
// names a user chooses, so that someone else's object is reported (ResourceConflict), never adopted. Each row's write verbs are the
// calls the code makes (rbac.integration.test.ts fails on a verb no request needs). A child created
// with a blockOwnerDeletion owner reference needs delete on itself or update on workspaces/finalizers
// where OwnerReferencesPermissionEnforcement is on: kinds the code never deletes rely on the latter.
const READ: readonly ControllerVerb[] = ['list', 'watch'];
const BOTH = ['builtin', 'observe'] as const;
const BUILTIN = ['builtin'] as const;
const NODE_PROVISIONERS = ['gpu-provisioner', 'karpenter'] as const;

/** @public */
export const CONTROLLER_PERMISSIONS: readonly ControllerPermission[] = [
  { group: 'kaito.sh', resource: 'workspaces', verbs: READ, scope: 'cluster', modes: BOTH, usedFor: 'watching workspaces' },
  {
    group: 'kaito.sh',
    resource: 'workspaces',
    verbs: ['create', 'delete'],
    scope: 'cluster',
    modes: BOTH,
    usedFor: 'creating and deleting workspaces from the portal',
  },
  {
    group: 'kaito.sh',
    resource: 'workspaces',
    verbs: ['patch'],
    scope: 'cluster',
    modes: BUILTIN,
    usedFor: 'the workspace finalizer',
  },
  {
    group: 'kaito.sh',
    resource: 'workspaces',
    subresource: 'status',
    verbs: ['patch'],
    scope: 'cluster',
    modes: BUILTIN,
    usedFor: 'writing workspace status',
  },
  {
    // Needed to set blockOwnerDeletion on children when OwnerReferencesPermissionEnforcement is on.
    group: 'kaito.sh',
    resource: 'workspaces',
    subresource: 'finalizers',
    verbs: ['update'],
    scope: 'cluster',
    modes: BUILTIN,
    usedFor: 'owner references on workspace children',
  },
  { group: 'kaito.sh', resource: 'inferencesets', verbs: READ, scope: 'cluster', modes: BOTH, usedFor: 'watching inference sets' },
  {
    group: 'kaito.sh',
    resource: 'inferencesets',
    verbs: ['patch'],
    scope: 'cluster',
    modes: BUILTIN,
    usedFor: 'the inference set finalizer',
  },
  {
    group: 'kaito.sh',
    resource: 'inferencesets',
    subresource: 'status',
    verbs: ['patch'],
    scope: 'cluster',
    modes: BUILTIN,
    usedFor: 'writing inference set status',
  },
  {
    group: 'karpenter.sh',
    resource: 'nodeclaims',
    verbs: READ,
    scope: 'cluster',
    modes: BOTH,
    provisioners: NODE_PROVISIONERS,
    usedFor: 'showing provisioned nodes',
  },
  {
    group: 'karpenter.sh',
    resource: 'nodeclaims',
    verbs: ['create', 'delete'],
    scope: 'cluster',
    modes: BUILTIN,
    provisioners: NODE_PROVISIONERS,
    usedFor: 'provisioning GPU nodes',
  },
  {
    group: 'karpenter.sh',
    resource: 'nodepools',
    verbs: READ,
    scope: 'cluster',
    modes: BUILTIN,
    provisioners: ['karpenter'],
    usedFor: 'watching Karpenter node pools',
  },
  {
    group: 'karpenter.sh',
    resource: 'nodepools',
    // patch raises spec.replicas when a workspace asks for more nodes.
    verbs: ['create', 'patch', 'delete'],
    scope: 'cluster',
    modes: BUILTIN,
    provisioners: ['karpenter'],
    usedFor: 'provisioning GPU nodes through Karpenter',
  },
  {
    // As Kaito v0.12: a preset's weights go to this StorageClass's claim when the SKU has NVMe and it exists.
    group: 'storage.k8s.io',
    resource: 'storageclasses',
    verbs: ['get'],
    scope: 'cluster',
    resourceNames: ['kaito-local-nvme-disk'],
    modes: BUILTIN,
    usedFor: 'putting model weights on local NVMe',
  },
  { group: 'apps', resource: 'statefulsets', verbs: READ, scope: 'cluster', modes: BOTH, usedFor: 'showing inference workloads' },
  // patch writes a new revision (or a base-image upgrade); the garbage collector deletes them with their workspace.
  { group: 'apps', resource: 'statefulsets', verbs: ['create', 'patch'], scope: 'cluster', modes: BUILTIN, usedFor: 'running inference workloads' },
  { group: 'apps', resource: 'statefulsets', verbs: ['get'], scope: 'cluster', modes: BUILTIN, usedFor: 'naming the owner of a StatefulSet in a workspace\'s way' },
  {
    group: 'apps',
    resource: 'controllerrevisions',
    verbs: READ,
    scope: 'cluster',
    modes: BUILTIN,
    usedFor: 'finding workspace revisions',
  },
  {
    group: 'apps',
    resource: 'controllerrevisions',
    verbs: ['create'],
    scope: 'cluster',
    modes: BUILTIN,
    usedFor: 'recording workspace revisions',
  },
  // Deployments to migrate the legacy ≤ v0.7 workload away, and (mode unset) to find Kaito's own controller
  // Deployment before the mode is chosen: a cluster found to run Kaito needs no builtin rows, observe included.
  { group: 'apps', resource: 'deployments', verbs: READ, scope: 'cluster', modes: BUILTIN, usedFor: 'finding legacy workloads, and an installed Kaito operator when mode is unset' },
  { group: 'apps', resource: 'deployments', verbs: ['delete'], scope: 'cluster', modes: BUILTIN, usedFor: 'removing legacy workloads' },
  { group: 'batch', resource: 'jobs', verbs: READ, scope: 'cluster', modes: BOTH, usedFor: 'showing tuning jobs' },
  // delete replaces a Job whose workspace revision changed (its pod template is immutable).
  { group: 'batch', resource: 'jobs', verbs: ['create', 'delete'], scope: 'cluster', modes: BUILTIN, usedFor: 'running tuning jobs' },
  { group: 'batch', resource: 'jobs', verbs: ['get'], scope: 'cluster', modes: BUILTIN, usedFor: 'naming the owner of a Job in a workspace\'s way' },
  { group: '', resource: 'services', verbs: READ, scope: 'cluster', modes: BUILTIN, usedFor: 'comparing workspace endpoints' },
  { group: '', resource: 'services', verbs: ['create'], scope: 'cluster', modes: BUILTIN, usedFor: 'creating workspace endpoints' },
  { group: '', resource: 'services', verbs: ['get'], scope: 'cluster', modes: BUILTIN, usedFor: 'naming the owner of a Service in a workspace\'s way' },
  {
    // A security decision: get (never list or watch) of the one Secret a gated model's request names, after placement
    // allowed its namespace, asking for PartialObjectMetadata so the token is not sent. Without it a missing Secret
    // shows only once the pod fails to download the model; RBAC cannot narrow get to names users choose.
    group: '',
    resource: 'secrets',
    verbs: ['get'],
    scope: 'cluster',
    modes: BOTH,
    usedFor: "checking that a gated model's access Secret exists before create",
  },
  { group: '', resource: 'configmaps', verbs: READ, scope: 'cluster', modes: BUILTIN, usedFor: 'reading inference settings' },
  { group: '', resource: 'configmaps', verbs: ['create'], scope: 'cluster', modes: BUILTIN, usedFor: 'writing inference settings' },
  { group: '', resource: 'pods', verbs: READ, scope: 'cluster', modes: BOTH, usedFor: 'showing workspace pods' },
  { group: '', resource: 'pods', subresource: 'log', verbs: ['get'], scope: 'cluster', modes: BOTH, usedFor: 'showing pod logs' },
  {
    // Chat POSTs through the API server's service proxy to the workspace Service (POST is create).
    group: '',
    resource: 'services',
    subresource: 'proxy',
    verbs: ['create'],
    scope: 'cluster',
    modes: BOTH,
    usedFor: 'chat through the API server proxy',
  },
  { group: '', resource: 'nodes', verbs: READ, scope: 'cluster', modes: BOTH, usedFor: 'node readiness' },
  // patch adds the accelerator=nvidia label, as Kaito does.
  { group: '', resource: 'nodes', verbs: ['patch'], scope: 'cluster', modes: BUILTIN, usedFor: 'labelling GPU nodes' },
  { group: '', resource: 'events', verbs: READ, scope: 'cluster', modes: BOTH, usedFor: 'showing workspace events' },
  { group: '', resource: 'events', verbs: ['create', 'patch'], scope: 'cluster', modes: BUILTIN, usedFor: 'recording workspace events' },
  {
    group: 'apiextensions.k8s.io',
    resource: 'customresourcedefinitions',
    verbs: ['get'],
    resourceNames: ['workspaces.kaito.sh'],
    scope: 'cluster',
    modes: BOTH,
    usedFor: 'checking that the Workspace CRD is installed',
  },
  {
    group: 'apiextensions.k8s.io',
    resource: 'customresourcedefinitions',
    verbs: ['create'],
    scope: 'cluster',
    modes: BOTH,
    installCrdsOnly: true,
    usedFor: 'installing the Workspace CRD (installCrds: true)',
  },
  {
    // To notice a real Kaito operator (its validating webhook) and stay out of its way.
    group: 'admissionregistration.k8s.io',
    resource: 'validatingwebhookconfigurations',
    verbs: ['list'],
    scope: 'cluster',
    modes: BUILTIN,
    usedFor: 'detecting an installed Kaito operator',
  },
  {
    group: 'coordination.k8s.io',
    resource: 'leases',
    // read, create, and replace to renew: as client-go's leader election.
    verbs: ['get', 'create', 'update'],
    scope: 'leaseNamespace',
    modes: BUILTIN,
    leaderElectionOnly: true,
    usedFor: 'leader election',
  },
];

/** The rows a cluster used in `context` needs. @public */
export function controllerPermissionsFor(
  context: ControllerPermissionContext,
  table: readonly ControllerPermission[] = CONTROLLER_PERMISSIONS,
): ControllerPermission[] {
  return table.filter(
    p =>
      p.modes.includes(context.mode) &&
      (!p.provisioners || p.provisioners.includes(context.provisioner)) &&
      (!p.installCrdsOnly || context.installCrds) &&
      (!p.leaderElectionOnly || context.leaderElection),
  );
}

/** `workspaces/status` style name of a row's resource. @public */
export function permissionResource(permission: Pick<ControllerPermission, 'resource' | 'subresource'>): string {
  return permission.subresource ? `${permission.resource}/${permission.subresource}` : permission.resource;
}
