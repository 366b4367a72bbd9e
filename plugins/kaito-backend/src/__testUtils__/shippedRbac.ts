import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CoreV1Api, KubeConfig, KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import {
  AuthorizationRecord,
  bootstrapPolicy,
  ClusterSimulator,
  PolicyRule,
  renderKubeconfig,
  ruleAllows,
} from '@kaito-backstage/cluster-sim';
import { parseAllDocuments } from 'yaml';

/** The file a user applies: the test reads it, not the generator, so what ships is what is tested. */
export const SHIPPED_RBAC_PATH = resolve(__dirname, '../../manifests/rbac.yaml');

/** What applying the shipped rbac.yaml gave: the ServiceAccount and a token whose only rights come from it. */
export interface ShippedRbac {
  namespace: string;
  serviceAccount: string;
  /** `system:serviceaccount:NS:NAME`. */
  user: string;
  token: string;
  /** A kubeconfig holding only that token. */
  kubeConfig: KubeConfig;
  /** The namespace of the leader-election Role (where the Lease must live). */
  leaseNamespace: string;
  grants: AtomicGrant[];
}

/**
 * One right of one rule of rbac.yaml: a single verb on a single resource (or subresource) of a
 * single API group, optionally of a single resourceName, granted cluster-wide (ClusterRole) or in
 * one namespace (Role).
 */
export interface AtomicGrant {
  /** E.g. `ClusterRole kaito-backstage-controller: create nodeclaims.karpenter.sh`. */
  title: string;
  namespace?: string;
  rule: PolicyRule;
}

/** Reads the shipped rbac.yaml into objects (synchronously, so tests can name a case per rule). */
export function readShippedRbac(): KubernetesObject[] {
  const text = readFileSync(SHIPPED_RBAC_PATH, 'utf8');
  return parseAllDocuments(text).map(d => d.toJS() as KubernetesObject).filter(Boolean);
}

/** `nodeclaims.karpenter.sh`, `workspaces.kaito.sh/status`, `pods/log`, as `kubectl auth can-i --list` writes them. */
function qualified(group: string, resource: string): string {
  const [plural, subresource] = resource.split('/');
  return `${group ? `${plural}.${group}` : plural}${subresource ? `/${subresource}` : ''}`;
}

/** Splits every rule of every Role and ClusterRole into atomic grants. */
export function atomicGrantsOf(objects: KubernetesObject[]): AtomicGrant[] {
  const grants: AtomicGrant[] = [];
  for (const object of objects) {
    if (object.kind !== 'Role' && object.kind !== 'ClusterRole') continue;
    const namespace = object.kind === 'Role' ? object.metadata?.namespace : undefined;
    for (const rule of ((object as { rules?: PolicyRule[] }).rules ?? [])) {
      const names: Array<string | undefined> = rule.resourceNames?.length ? rule.resourceNames : [undefined];
      for (const verb of rule.verbs) {
        for (const group of rule.apiGroups ?? []) {
          for (const resource of rule.resources ?? []) {
            for (const name of names) {
              const where = namespace ? ` in ${namespace}` : '';
              grants.push({
                title: `${object.kind} ${object.metadata?.name}: ${verb} ${qualified(group, resource)}${name ? ` "${name}"` : ''}${where}`,
                namespace,
                rule: { verbs: [verb], apiGroups: [group], resources: [resource], ...(name ? { resourceNames: [name] } : {}) },
              });
            }
          }
        }
      }
    }
  }
  return grants;
}

/** Whether a grant allows a recorded request (a Role's only in its namespace). */
export function grantAllows(grant: AtomicGrant, record: AuthorizationRecord): boolean {
  if (grant.namespace !== undefined && (!record.resourceRequest || record.namespace !== grant.namespace)) return false;
  return ruleAllows(record, grant.rule);
}

/** The rights every authenticated user has on a real server (discovery, self reviews). */
const DEFAULT_AUTHENTICATED_RULES: PolicyRule[] = bootstrapPolicy()
  .clusterRoles.filter(r => ['system:discovery', 'system:basic-user', 'system:public-info-viewer'].includes(String(r.metadata.name)))
  .flatMap(r => r.rules as PolicyRule[]);

/** Whether a request needs no grant of rbac.yaml (every authenticated user may do it). */
export function allowedByDefault(record: AuthorizationRecord): boolean {
  return DEFAULT_AUTHENTICATED_RULES.some(rule => ruleAllows(record, rule));
}

/**
 * Applies the shipped rbac.yaml with the admin token (creating its namespace first, as its header
 * says), then asks for a token of its ServiceAccount through TokenRequest, as `kubectl create token` does.
 */
export async function applyShippedRbac(sim: ClusterSimulator): Promise<ShippedRbac> {
  const admin = new KubeConfig();
  admin.loadFromString(sim.kubeconfigYaml());
  const objects = readShippedRbac();
  const account = objects.find(o => o.kind === 'ServiceAccount');
  const leaseRole = objects.find(
    o => o.kind === 'Role' && (o as { rules?: PolicyRule[] }).rules?.some(r => r.resources?.includes('leases')),
  );
  if (!account?.metadata?.namespace || !account.metadata.name) throw new Error(`${SHIPPED_RBAC_PATH} has no namespaced ServiceAccount`);
  const namespace = account.metadata.namespace;
  const core = admin.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } }).catch(e => {
    if ((e as { code?: number }).code !== 409) throw e;
  });
  const api = KubernetesObjectApi.makeApiClient(admin);
  for (const object of objects) await api.create(object);
  const request = await core.createNamespacedServiceAccountToken({
    namespace,
    name: account.metadata.name,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = request.status!.token;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(renderKubeconfig(sim.url, token, { caData: sim.caData }));
  return {
    namespace,
    serviceAccount: account.metadata.name,
    user: `system:serviceaccount:${namespace}:${account.metadata.name}`,
    token,
    kubeConfig,
    leaseNamespace: leaseRole?.metadata?.namespace ?? namespace,
    grants: atomicGrantsOf(objects),
  };
}
