import { formatTimestamp, KubeObject } from '../types';
import { ControllerContext, controllerRef, ownedBy, setCondition, writeStatus } from './ControllerContext';
import { ReconcileResult } from './KeyedLoop';
import { isPodReady, podFromTemplate } from './podTemplates';
import { randomSuffix } from './ReplicaSetController';
import { WorkloadController } from './WorkloadController';

/**
 * Jobs: run pods up to `parallelism` until `completions` succeed or more than `backoffLimit` fail,
 * with the status a 1.31+ cluster reports (SuccessCriteriaMet then Complete, FailureTarget then
 * Failed).
 * @internal
 */
export class JobController extends WorkloadController {
  constructor(ctx: ControllerContext) {
    super(ctx, 'jobs.batch', 'Job', ['pods']);
  }

  protected reconcile(job: KubeObject): ReconcileResult {
    const { api, clock } = this.ctx;
    const namespace = job.metadata.namespace!;
    const conditions: any[] = job.status?.conditions ?? [];
    if (conditions.some(c => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) return undefined;
    const time = formatTimestamp(clock.now());
    const pods = ownedBy(api, 'pods', job);
    const succeeded = pods.filter(p => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter(p => p.status?.phase === 'Failed').length;
    const active = pods.filter(p => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
    const completions: number = job.spec.completions ?? 1;
    const parallelism: number = job.spec.parallelism ?? 1;
    const backoffLimit: number = job.spec.backoffLimit ?? 6;
    const status: any = {
      ...(job.status ?? {}),
      startTime: job.status?.startTime ?? time,
      active: active.length,
      ready: active.filter(isPodReady).length,
      succeeded,
      failed,
      terminating: 0,
      uncountedTerminatedPods: {},
    };
    if (succeeded >= completions) {
      status.active = 0;
      status.completionTime = time;
      status.conditions = setCondition(status.conditions, { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }, time, { lastProbeTime: time });
      status.conditions = setCondition(status.conditions, { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }, time, { lastProbeTime: time });
    } else if (failed > backoffLimit) {
      status.active = 0;
      status.conditions = setCondition(status.conditions, { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }, time, { lastProbeTime: time });
      status.conditions = setCondition(status.conditions, { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }, time, { lastProbeTime: time });
    } else if (!job.spec.suspend) {
      const owner = controllerRef(job, api.registry.byStorageKey('jobs.batch')!);
      const wanted = Math.min(parallelism, completions - succeeded) - active.length;
      for (let i = 0; i < wanted; i++) {
        this.createQuietly('pods', namespace, podFromTemplate(job.spec.template, `${job.metadata.name}-${randomSuffix()}`, namespace, owner, {}));
      }
      status.active = Math.max(active.length, 0) + Math.max(wanted, 0);
    }
    if (!status.ready) delete status.ready;
    if (!status.succeeded) delete status.succeeded;
    if (!status.failed) delete status.failed;
    if (!status.active) delete status.active;
    writeStatus(api, 'jobs.batch', job, status, 'job-controller');
    return undefined;
  }
}
