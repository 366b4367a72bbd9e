import { formatTimestamp, KubeObject } from '../types';
import { ControllerContext, controllerRef, ownedBy, writeStatus } from './ControllerContext';
import { ReconcileResult } from './KeyedLoop';
import { isPodReady, podFromTemplate, templateHash } from './podTemplates';
import { WorkloadController } from './WorkloadController';

const STATEFULSETS = 'statefulsets.apps';

/**
 * StatefulSets: ordinal pods (`name-0`, `name-1`) with pod-name and pod-index labels, one
 * ControllerRevision per template, PersistentVolumeClaims from the claim templates (bound at once),
 * OrderedReady or Parallel creation, scale-down from the highest ordinal, rolling replacement of
 * outdated pods, and the status fields a real controller reports.
 * @internal
 */
export class StatefulSetController extends WorkloadController {
  constructor(ctx: ControllerContext) {
    super(ctx, STATEFULSETS, 'StatefulSet', ['pods', 'controllerrevisions.apps']);
  }

  protected reconcile(sts: KubeObject): ReconcileResult {
    const { api } = this.ctx;
    const namespace = sts.metadata.namespace!;
    const name = sts.metadata.name!;
    const type = api.registry.byStorageKey(STATEFULSETS)!;
    const owner = controllerRef(sts, type);
    const revision = `${name}-${templateHash(sts.spec.template)}`;
    if (!api.store.peek('controllerrevisions.apps', namespace, revision)) {
      const revisions = ownedBy(api, 'controllerrevisions.apps', sts);
      this.createQuietly('controllerrevisions.apps', namespace, {
        metadata: { name: revision, namespace, labels: { ...(sts.spec.selector?.matchLabels ?? {}), 'controller.kubernetes.io/hash': revision.slice(name.length + 1) }, ownerReferences: [owner] },
        data: { spec: { template: sts.spec.template } },
        revision: revisions.reduce((max, r) => Math.max(max, r.revision ?? 0), 0) + 1,
      });
    }
    const replicas: number = sts.spec.replicas ?? 1;
    const pods = ownedBy(api, 'pods', sts);
    const byOrdinal = new Map<number, KubeObject>();
    for (const pod of pods) byOrdinal.set(Number(pod.metadata.name!.slice(name.length + 1)), pod);
    const parallel = sts.spec.podManagementPolicy === 'Parallel';
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      if (byOrdinal.has(ordinal)) {
        if (!parallel && !isPodReady(byOrdinal.get(ordinal)!)) break;
        continue;
      }
      this.createPod(sts, ordinal, revision, owner);
      if (!parallel) break;
    }
    for (const [ordinal, pod] of byOrdinal) {
      if (ordinal >= replicas && !pod.metadata.deletionTimestamp) this.deleteQuietly('pods', namespace, pod.metadata.name!);
    }
    const outdated = [...byOrdinal.entries()]
      .filter(([ordinal, pod]) => ordinal < replicas && pod.metadata.labels?.['controller-revision-hash'] !== revision && !pod.metadata.deletionTimestamp)
      .sort((a, b) => b[0] - a[0]);
    // A rolling update replaces one pod at a time, highest ordinal first, once every pod is Ready and
    // none is terminating; podManagementPolicy Parallel affects scaling only, not updates (as kube's).
    const allReady = [...byOrdinal.values()].every(isPodReady);
    const terminating = [...byOrdinal.values()].some(p => p.metadata.deletionTimestamp);
    const complete = Array.from({ length: replicas }, (_, ordinal) => byOrdinal.has(ordinal)).every(Boolean);
    if (outdated.length && allReady && complete && !terminating && sts.spec.updateStrategy?.type !== 'OnDelete') {
      this.deleteQuietly('pods', namespace, outdated[0][1].metadata.name!);
    }
    const live = ownedBy(api, 'pods', sts).filter(p => !p.metadata.deletionTimestamp);
    const ready = live.filter(isPodReady).length;
    const updated = live.filter(p => p.metadata.labels?.['controller-revision-hash'] === revision).length;
    const status: any = {
      observedGeneration: sts.metadata.generation,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: outdated.length ? live.length - updated : updated,
      updatedReplicas: updated,
      availableReplicas: ready,
      currentRevision: outdated.length ? (sts.status?.currentRevision ?? revision) : revision,
      updateRevision: revision,
      collisionCount: 0,
    };
    if (!status.readyReplicas) delete status.readyReplicas;
    if (!status.availableReplicas) status.availableReplicas = 0;
    writeStatus(api, STATEFULSETS, sts, status, 'statefulset-controller');
    return undefined;
  }

  private createPod(sts: KubeObject, ordinal: number, revision: string, owner: any) {
    const namespace = sts.metadata.namespace!;
    const podName = `${sts.metadata.name}-${ordinal}`;
    const pod = podFromTemplate(sts.spec.template, podName, namespace, owner, {
      'controller-revision-hash': revision,
      'statefulset.kubernetes.io/pod-name': podName,
      'apps.kubernetes.io/pod-index': String(ordinal),
    });
    pod.spec.hostname ??= podName;
    if (sts.spec.serviceName) pod.spec.subdomain ??= sts.spec.serviceName;
    for (const claim of sts.spec.volumeClaimTemplates ?? []) {
      const claimName = `${claim.metadata.name}-${podName}`;
      if (!this.ctx.api.store.peek('persistentvolumeclaims', namespace, claimName)) {
        this.createQuietly('persistentvolumeclaims', namespace, {
          metadata: { name: claimName, namespace, labels: { ...(sts.spec.selector?.matchLabels ?? {}) } },
          spec: claim.spec ?? {},
        });
        this.bindClaim(namespace, claimName, claim.spec);
      }
      pod.spec.volumes = [
        ...(pod.spec.volumes ?? []).filter((v: any) => v.name !== claim.metadata.name),
        { name: claim.metadata.name, persistentVolumeClaim: { claimName } },
      ];
    }
    this.createQuietly('pods', namespace, pod);
  }

  /** Simulated dynamic provisioning: every claim binds at once. */
  private bindClaim(namespace: string, name: string, spec: any) {
    const claim = this.ctx.api.store.peek('persistentvolumeclaims', namespace, name);
    if (!claim) return;
    writeStatus(
      this.ctx.api,
      'persistentvolumeclaims',
      claim,
      { phase: 'Bound', accessModes: spec?.accessModes ?? ['ReadWriteOnce'], capacity: { storage: spec?.resources?.requests?.storage ?? '1Gi' } },
      'persistentvolume-binder',
    );
    void formatTimestamp;
  }
}
