import { randomBytes } from 'node:crypto';
import { KubeObject } from '../types';
import { ControllerContext, controllerRef, ownedBy, writeStatus } from './ControllerContext';
import { ReconcileResult } from './KeyedLoop';
import { isPodReady, podFromTemplate } from './podTemplates';
import { WorkloadController } from './WorkloadController';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A pod name suffix as the API server's generateName makes them. @internal */
export function randomSuffix(): string {
  return [...randomBytes(5)].map(b => ALPHABET[b % ALPHABET.length]).join('');
}

/** ReplicaSets: keep `spec.replicas` pods from the template, report replica counts. @internal */
export class ReplicaSetController extends WorkloadController {
  constructor(ctx: ControllerContext) {
    super(ctx, 'replicasets.apps', 'ReplicaSet', ['pods']);
  }

  protected reconcile(rs: KubeObject): ReconcileResult {
    const { api } = this.ctx;
    const namespace = rs.metadata.namespace!;
    const owner = controllerRef(rs, api.registry.byStorageKey('replicasets.apps')!);
    const pods = ownedBy(api, 'pods', rs).filter(p => !p.metadata.deletionTimestamp);
    const replicas: number = rs.spec.replicas ?? 1;
    for (let i = pods.length; i < replicas; i++) {
      this.createQuietly('pods', namespace, podFromTemplate(rs.spec.template, `${rs.metadata.name}-${randomSuffix()}`, namespace, owner, {}));
    }
    const surplus = pods.length - replicas;
    if (surplus > 0) {
      const victims = [...pods].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))).slice(0, surplus);
      for (const pod of victims) this.deleteQuietly('pods', namespace, pod.metadata.name!);
    }
    const live = ownedBy(api, 'pods', rs).filter(p => !p.metadata.deletionTimestamp);
    const ready = live.filter(isPodReady).length;
    const status: any = {
      replicas: live.length,
      fullyLabeledReplicas: live.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    writeStatus(api, 'replicasets.apps', rs, status, 'replicaset-controller');
    return undefined;
  }
}
