import { AuthorizationV1Api, KubeConfig, V1ResourceAttributes } from '@kubernetes/client-node';
import {
  CONTROLLER_SERVICE_ACCOUNT,
  ClusterPermissionCheck,
  ControllerPermission,
  ControllerPermissionContext,
  MissingPermission,
  controllerPermissionsFor,
  permissionResource,
} from '@kaito-backstage/plugin-kaito-common';
import { describeKubeError, kubeErrorCode } from '../kube/errors';
import { isKindNotServed } from '../controller/ClusterCache';

/** Asks the API server whether the portal's credentials may do one thing. @internal */
export type AccessReview = (attributes: V1ResourceAttributes) => Promise<boolean>;

/** One SelfSubjectAccessReview per question, with the cluster's own credentials. @internal */
export function selfSubjectAccessReview(kubeConfig: KubeConfig): AccessReview {
  const api = kubeConfig.makeApiClient(AuthorizationV1Api);
  return async resourceAttributes => {
    const review = await api.createSelfSubjectAccessReview({
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } },
    });
    return review.status?.allowed === true;
  };
}

/** Resources without a namespace, said "cluster-wide" rather than "in all namespaces". */
const CLUSTER_SCOPED = new Set(['nodes', 'customresourcedefinitions', 'validatingwebhookconfigurations', 'nodeclaims', 'nodepools']);
const MANIFEST = 'plugins/kaito-backend/manifests/rbac.yaml';
/** Reviews in flight at once: polite to a real API server, quick on a simulated one. */
const CONCURRENCY = 8;

interface Question {
  row: ControllerPermission;
  verb: string;
  namespace?: string;
  resourceName?: string;
}

function questionsFor(rows: ControllerPermission[], leaseNamespace: string): Question[] {
  return rows.flatMap(row =>
    row.verbs.flatMap(verb =>
      (row.resourceNames ?? [undefined]).map(resourceName => ({
        row,
        verb,
        resourceName,
        namespace: row.scope === 'leaseNamespace' ? leaseNamespace : undefined,
      })),
    ),
  );
}

function whereOf(q: Question): string {
  if (q.namespace) return `in namespace "${q.namespace}"`;
  return CLUSTER_SCOPED.has(q.row.resource) ? 'cluster-wide' : 'in all namespaces';
}

function describe(q: Question): string {
  const where = whereOf(q);
  const named = q.resourceName ? ` named "${q.resourceName}"` : '';
  return `${q.verb} ${permissionResource(q.row)} (${q.row.group || 'core'})${named} ${where}`;
}

function fixFor(q: Question): string {
  return q.namespace
    ? `grant it with ${MANIFEST} (Role ${CONTROLLER_SERVICE_ACCOUNT}-leader-election, applied in namespace "${q.namespace}"), or set kaito.controller.leaderElection.namespace to the namespace that Role is in`
    : `grant it with ${MANIFEST} (ClusterRole ${CONTROLLER_SERVICE_ACCOUNT})`;
}

/** Whether an error means the review API itself is unavailable, not a network failure. */
function reviewApiUnavailable(error: unknown): boolean {
  const code = kubeErrorCode(error);
  return isKindNotServed(error) || code === 403 || code === 405;
}

/** @internal */
export interface CheckPermissionsOptions {
  context: ControllerPermissionContext;
  leaseNamespace: string;
  review: AccessReview;
  now?: () => Date;
}

/**
 * Asks the API server, with SelfSubjectAccessReview, about every permission
 * the permission table says the cluster's mode needs (the same table the
 * shipped rbac.yaml is rendered from). A review API that is not there gives
 * `unknown`, never a crash. `retryable` is set when the server could not be
 * reached, so the caller checks again instead of reporting.
 *
 * @internal
 */
export async function checkPermissions(options: CheckPermissionsOptions): Promise<ClusterPermissionCheck & { retryable?: boolean }> {
  const questions = questionsFor(controllerPermissionsFor(options.context), options.leaseNamespace);
  const checkedAt = (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const missing: MissingPermission[] = [];
  try {
    for (let i = 0; i < questions.length; i += CONCURRENCY) {
      const batch = questions.slice(i, i + CONCURRENCY);
      const answers = await Promise.all(
        batch.map(q =>
          options.review({
            verb: q.verb,
            group: q.row.group,
            resource: q.row.resource,
            subresource: q.row.subresource,
            namespace: q.namespace,
            name: q.resourceName,
          }),
        ),
      );
      batch.forEach((q, j) => {
        if (answers[j]) return;
        missing.push({
          verb: q.verb,
          group: q.row.group,
          resource: permissionResource(q.row),
          ...(q.namespace ? { namespace: q.namespace } : {}),
          ...(q.resourceName ? { resourceName: q.resourceName } : {}),
          description: describe(q),
          usedFor: q.row.usedFor,
          fix: fixFor(q),
        });
      });
    }
  } catch (error) {
    const reason = reviewApiUnavailable(error)
      ? `the API server does not answer SelfSubjectAccessReview (authorization.k8s.io/v1): ${describeKubeError(error)}`
      : describeKubeError(error, 'check permissions');
    return { state: 'unknown', checkedAt, checked: 0, missing: [], reason, retryable: !reviewApiUnavailable(error) };
  }
  return { state: missing.length ? 'missing' : 'ok', checkedAt, checked: questions.length, missing };
}

/** The log lines of a check: one per missing permission, naming it and the fix. @internal */
export function permissionCheckLines(
  cluster: string,
  mode: string,
  check: ClusterPermissionCheck,
): Array<{ level: 'info' | 'warn' | 'error'; message: string }> {
  if (check.state === 'unknown') {
    return [{ level: 'warn', message: `Cluster "${cluster}": could not check permissions: ${check.reason}` }];
  }
  if (check.state === 'ok') {
    return [{ level: 'info', message: `Cluster "${cluster}": all ${check.checked} permissions ${mode} mode needs are granted` }];
  }
  return check.missing.map(p => ({
    level: 'error' as const,
    message: `Cluster "${cluster}": missing permission: ${p.description}, needed for ${p.usedFor} — ${p.fix}`,
  }));
}
