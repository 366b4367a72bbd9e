/**
 * SetDefaults_StatefulSet and SetDefaults_Deployment of k8s.io/kubernetes pkg/apis/apps/v1,
 * field by field: a strategy the client gave is completed, never replaced.
 */

function defaultClaimTemplate(claim: any) {
  if (!claim || typeof claim !== 'object') return;
  claim.metadata ??= {};
  if (claim.metadata.creationTimestamp === undefined) claim.metadata.creationTimestamp = null;
  claim.spec ??= {};
  claim.spec.volumeMode ??= 'Filesystem';
  claim.status ??= {};
  claim.status.phase ||= 'Pending';
}

/** Defaults a StatefulSet spec in place (not its pod template). @internal */
export function defaultStatefulSetSpec(spec: any): void {
  spec.podManagementPolicy ||= 'OrderedReady';
  spec.updateStrategy ??= {};
  const strategy = spec.updateStrategy;
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  for (const claim of spec.volumeClaimTemplates ?? []) defaultClaimTemplate(claim);
}

/** Defaults a Deployment spec in place (not its pod template). @internal */
export function defaultDeploymentSpec(spec: any): void {
  spec.replicas ??= 1;
  spec.strategy ??= {};
  const strategy = spec.strategy;
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxUnavailable ??= '25%';
    strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
}
