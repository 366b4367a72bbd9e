import { ClusterConfig, KaitoConfig } from '../config';
import { RegistryClient } from '../images/RegistryClient';
import { DesiredState } from './desiredState';
import { WorkspaceImages } from './images/WorkspaceImages';
import { OwnerQuotaAdmission } from './ownerQuotaGate';
import { WorkspaceNotifier } from './notifications/workspaceNotifications';
import { reconcileWorkspace, ReconcileMemory } from './reconcileWorkspace';
import { InferenceSetMemory, inferenceSetValidationContext, reconcileInferenceSet } from './reconcileInferenceSet';
import { ReconcileFunction } from './WorkspaceController';

/** @internal */
export interface ReconcilerOptions {
  /**
   * Resolves image tags to digests; when set, adapter and tuning input images
   * are checked and the serving image is pinned. Defaults to a RegistryClient
   * when `kaito.images.resolveDigests` is true, else none.
   */
  registry?: Pick<RegistryClient, 'resolve'>;
  /** Holds back workspaces over their owner group's quota; none: no quota check. */
  ownerQuota?: OwnerQuotaAdmission;
  /** Notifies owner groups of Ready, Failed and finished tuning; none: no notifications. */
  notifier?: Pick<WorkspaceNotifier, 'statusChanged'>;
}

/** The reconcile function of one cluster, with its desired-state settings. @internal */
export function createReconciler(
  cluster: ClusterConfig,
  config: KaitoConfig,
  options: ReconcilerOptions = {},
): ReconcileFunction {
  const desired = new DesiredState(cluster, config, config.catalog);
  const memory: ReconcileMemory = { pendingNodeClaims: new Map(), writtenFrom: new Map(), progressSeenAt: new Map(), createdChildren: new Map() };
  const registry =
    options.registry ??
    (config.images.resolveDigests ? new RegistryClient({ insecureRegistries: config.images.insecureRegistries }) : undefined);
  let enqueue: (key: string) => void = () => {};
  const releaseAfter = config.controller.releaseTuningNodesAfterSeconds;
  const notifier = options.notifier;
  const images = registry
    ? new WorkspaceImages({ resolve: image => registry.resolve(image), onSettled: key => enqueue(key) })
    : undefined;
  const setMemory: InferenceSetMemory = { created: new Map(), deleted: new Map() };
  const validation = inferenceSetValidationContext(cluster, config);
  const reconcile: ReconcileFunction = (key, context) => {
    enqueue = context.enqueue;
    return reconcileWorkspace(key, {
      ...context,
      desired,
      memory,
      images,
      ownerQuota: options.ownerQuota,
      releaseTuningNodesAfterMs: releaseAfter === undefined ? undefined : releaseAfter * 1000,
      statusWritten: notifier && ((workspace, before, after) => notifier.statusChanged(cluster.name, workspace, before, after)),
    });
  };
  reconcile.inferenceSets = (key, context) => reconcileInferenceSet(key, { ...context, desired, validation, memory: setMemory });
  return reconcile;
}
