import { deepCopy, formatTimestamp, KubeObject } from '../types';
import { ControllerContext, controllerRef, ownedBy, scopeOf, setCondition, writeStatus } from './ControllerContext';
import { ReconcileResult } from './KeyedLoop';
import { templateHash } from './podTemplates';
import { WorkloadController } from './WorkloadController';

/**
 * Deployments: one ReplicaSet per template (`name-<pod-template-hash>`), the current one scaled to
 * `spec.replicas` and older ones to zero, with Available/Progressing conditions.
 * @internal
 */
export class DeploymentController extends WorkloadController {
  constructor(ctx: ControllerContext) {
    super(ctx, 'deployments.apps', 'Deployment', ['replicasets.apps']);
  }

  protected reconcile(deployment: KubeObject): ReconcileResult {
    const { api, clock } = this.ctx;
    const namespace = deployment.metadata.namespace!;
    const hash = templateHash(deployment.spec.template);
    const rsName = `${deployment.metadata.name}-${hash}`;
    const replicas: number = deployment.spec.replicas ?? 1;
    const owner = controllerRef(deployment, api.registry.byStorageKey('deployments.apps')!);
    const current = api.store.peek('replicasets.apps', namespace, rsName);
    if (!current) {
      const template = deepCopy(deployment.spec.template);
      template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
      this.createQuietly('replicasets.apps', namespace, {
        metadata: { name: rsName, namespace, labels: template.metadata.labels, ownerReferences: [owner], annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas) } },
        spec: {
          replicas,
          selector: { ...deployment.spec.selector, matchLabels: { ...(deployment.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash } },
          template,
        },
      });
    } else if (current.spec.replicas !== replicas) {
      const next = deepCopy(current);
      next.spec.replicas = replicas;
      api.update(scopeOf(api, 'replicasets.apps', namespace), rsName, next, { fieldManager: 'deployment-controller' });
    }
    for (const old of ownedBy(api, 'replicasets.apps', deployment)) {
      if (old.metadata.name === rsName || old.spec.replicas === 0) continue;
      const next = deepCopy(old);
      next.spec.replicas = 0;
      api.update(scopeOf(api, 'replicasets.apps', namespace), old.metadata.name!, next, { fieldManager: 'deployment-controller' });
    }
    const sets = ownedBy(api, 'replicasets.apps', deployment);
    const newest = sets.find(s => s.metadata.name === rsName);
    const total = sets.reduce((n, s) => n + (s.status?.replicas ?? 0), 0);
    const ready = sets.reduce((n, s) => n + (s.status?.readyReplicas ?? 0), 0);
    const updated = newest?.status?.replicas ?? 0;
    const time = formatTimestamp(clock.now());
    let conditions = setCondition(deployment.status?.conditions, ready >= replicas
      ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
      : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }, time, { lastUpdateTime: time });
    conditions = setCondition(conditions, (newest?.status?.readyReplicas ?? 0) >= replicas
      ? { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` }
      : { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` }, time, { lastUpdateTime: time });
    const status: any = {
      observedGeneration: deployment.metadata.generation,
      replicas: total,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: ready,
      unavailableReplicas: Math.max(0, replicas - ready),
      conditions,
    };
    if (!status.unavailableReplicas) delete status.unavailableReplicas;
    // Leave lastUpdateTime alone when nothing else changed, so no-op passes do not write.
    if (deployment.status && JSON.stringify({ ...deployment.status, conditions: undefined }) === JSON.stringify({ ...status, conditions: undefined })) {
      const sameConditions = (deployment.status.conditions ?? []).every((c: any) => conditions.some((n: any) => n.type === c.type && n.status === c.status && n.reason === c.reason));
      if (sameConditions) return undefined;
    }
    writeStatus(api, 'deployments.apps', deployment, status, 'deployment-controller');
    return undefined;
  }
}
