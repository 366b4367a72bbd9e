import { ContainerFailure } from '../options';
import { deepCopy, formatTimestamp, KubeObject } from '../types';
import { ControllerContext, objectKey, setCondition, splitKey, writeStatus } from './ControllerContext';
import { KeyedLoop, ReconcileResult } from './KeyedLoop';
import { PodLogs } from './PodLogs';

const MANAGER = 'kubelet';
/** Real kubelet crash back-off: 10 s doubling to 5 min. */
const CRASH_BACKOFF_MS = [10_000, 20_000, 40_000, 80_000, 160_000, 300_000];

/** Options of the simulated kubelet. @internal */
export interface KubeletOptions {
  imagePullMs: number;
  modelLoadMs: number;
  terminationMs: number;
  failures: Record<string, ContainerFailure>;
  jobDurationMs: number;
  failingJobWorkspaces: Set<string>;
}

interface PodClock {
  boundAt: number;
  startedAt?: number;
  nextRestartAt?: number;
}

/** Whether a container serves a model (a Kaito inference container). @internal */
export function isInferenceContainer(container: any): boolean {
  const command = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  return /inference_api\.py|vllm|--served[-_]model[-_]name/.test(command);
}

/**
 * Runs the pods bound to nodes: pulls images, starts containers, becomes Ready after the model
 * load time, and injects ImagePullBackOff, CrashLoopBackOff or OOMKilled by image substring or
 * workspace; Job pods (restartPolicy Never/OnFailure) succeed or fail after a duration;
 * terminating pods go after the termination time.
 * @internal
 */
export class Kubelet {
  private readonly loop: KeyedLoop;
  private readonly unsubscribe: () => void;
  private readonly clocks = new Map<string, PodClock>();
  private nextIp = 10;

  constructor(private readonly ctx: ControllerContext, private readonly options: KubeletOptions, private readonly logs: PodLogs) {
    this.loop = new KeyedLoop('kubelet', key => this.sync(key), ctx.clock, ctx.onError);
    this.unsubscribe = ctx.api.store.subscribe(event => {
      if (event.resource === 'pods' && event.type !== 'DELETED' && event.object.spec?.nodeName) this.loop.enqueue(objectKey(event.object));
      if (event.resource === 'pods' && event.type === 'DELETED') {
        this.clocks.delete(event.object.metadata.uid!);
        this.logs.forget(event.object.metadata.namespace!, event.object.metadata.name!);
      }
    });
    for (const pod of ctx.api.store.peekAll('pods')) if (pod.spec?.nodeName) this.loop.enqueue(objectKey(pod));
  }

  stop() {
    this.unsubscribe();
    this.loop.stop();
  }

  private failureFor(pod: KubeObject): ContainerFailure | undefined {
    const workspace = pod.metadata.labels?.['kaito.sh/workspace'];
    if (workspace && this.options.failures[workspace]) return this.options.failures[workspace];
    for (const container of pod.spec?.containers ?? []) {
      for (const [needle, failure] of Object.entries(this.options.failures)) {
        if (String(container.image ?? '').includes(needle)) return failure;
      }
    }
    return undefined;
  }

  private sync(key: string): ReconcileResult {
    const { api, clock } = this.ctx;
    const { namespace, name } = splitKey(key);
    const pod = api.store.peek('pods', namespace, name);
    if (!pod || !pod.spec?.nodeName) return undefined;
    const now = clock.now();
    if (pod.metadata.deletionTimestamp) {
      const due = Date.parse(pod.metadata.deletionTimestamp) + this.options.terminationMs;
      if (now < due) return { requeueAfterMs: due - now };
      if (!pod.metadata.finalizers?.length) api.removeNow('pods', namespace, name);
      return undefined;
    }
    if (!api.store.peek('nodes', undefined, pod.spec.nodeName)) return undefined;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return undefined;
    const uid = pod.metadata.uid!;
    let timing = this.clocks.get(uid);
    if (!timing) {
      timing = { boundAt: now };
      this.clocks.set(uid, timing);
    }
    const time = formatTimestamp(now);
    const status: any = deepCopy(pod.status ?? {});
    const containers: any[] = pod.spec.containers ?? [];
    if (!status.podIP) {
      const ip = this.nextIp++;
      status.podIP = `10.244.${Math.floor(ip / 250) % 250}.${(ip % 250) + 1}`;
      status.podIPs = [{ ip: status.podIP }];
      status.hostIP = '10.224.0.4';
      status.hostIPs = [{ ip: '10.224.0.4' }];
      status.startTime = time;
    }
    const failure = this.failureFor(pod);
    const isJobPod = pod.spec.restartPolicy !== 'Always';
    const pulled = now >= timing.boundAt + this.options.imagePullMs;
    status.conditions = setCondition(status.conditions, { type: 'PodReadyToStartContainers', status: 'True' }, time, { lastProbeTime: null });
    if (!pulled || failure === 'ImagePullBackOff') {
      const reason = !pulled ? 'ContainerCreating' : 'ImagePullBackOff';
      status.phase = 'Pending';
      status.conditions = setCondition(status.conditions, { type: 'Initialized', status: 'True' }, time, { lastProbeTime: null });
      status.conditions = this.readiness(status.conditions, false, containers, time);
      status.containerStatuses = containers.map(c => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: {
          waiting: reason === 'ImagePullBackOff'
            ? { reason, message: `Back-off pulling image "${c.image}": ErrImagePull: failed to pull and unpack image "${c.image}": not found` }
            : { reason },
        },
        lastState: {},
      }));
      writeStatus(api, 'pods', pod, status, MANAGER);
      if (failure === 'ImagePullBackOff' && pulled) {
        this.recordOnce(pod, 'Warning', 'Failed', `Error: ImagePullBackOff`);
        return undefined;
      }
      return { requeueAfterMs: timing.boundAt + this.options.imagePullMs - now };
    }
    timing.startedAt ??= now;
    status.conditions = setCondition(status.conditions, { type: 'Initialized', status: 'True' }, time, { lastProbeTime: null });
    status.initContainerStatuses = (pod.spec.initContainers ?? []).map((c: any) => ({
      name: c.name,
      image: c.image,
      imageID: `${c.image}@sha256:${'0'.repeat(64)}`,
      ready: true,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: time, finishedAt: time } },
      lastState: {},
    }));
    if (failure === 'CrashLoopBackOff' || failure === 'OOMKilled') return this.crash(pod, status, timing, failure, now, time);
    if (isJobPod) {
      const finishAt = timing.startedAt + this.options.jobDurationMs;
      const workspace = pod.metadata.labels?.['kaito.sh/workspace'] ?? pod.metadata.labels?.['job-name'] ?? '';
      if (now >= finishAt) {
        const failed = this.options.failingJobWorkspaces.has(workspace);
        status.phase = failed ? 'Failed' : 'Succeeded';
        status.conditions = this.readiness(status.conditions, false, containers, time, 'PodCompleted');
        status.containerStatuses = containers.map(c => this.containerStatus(c, false, 0, {
          terminated: { exitCode: failed ? 1 : 0, reason: failed ? 'Error' : 'Completed', startedAt: formatTimestamp(timing!.startedAt!), finishedAt: time },
        }));
        this.logs.append(pod, containers[0]?.name, failed ? 'Error: simulated tuning job failure' : 'Simulated tuning job completed');
        writeStatus(api, 'pods', pod, status, MANAGER);
        return undefined;
      }
    }
    const inference = containers.some(isInferenceContainer);
    const readyAt = timing.startedAt + (inference ? this.options.modelLoadMs : 0);
    const ready = now >= readyAt;
    status.phase = 'Running';
    status.conditions = this.readiness(status.conditions, ready, containers, time);
    status.containerStatuses = containers.map(c =>
      this.containerStatus(c, ready, 0, { running: { startedAt: formatTimestamp(timing!.startedAt!) } }),
    );
    if (!pod.status?.containerStatuses?.some((s: any) => s.state?.running)) this.logs.started(pod);
    if (ready && !pod.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')) this.logs.ready(pod);
    writeStatus(api, 'pods', pod, status, MANAGER);
    if (!ready) return { requeueAfterMs: readyAt - now };
    if (isJobPod) return { requeueAfterMs: timing.startedAt + this.options.jobDurationMs - now };
    return undefined;
  }

  private crash(pod: KubeObject, status: any, timing: PodClock, failure: ContainerFailure, now: number, time: string): ReconcileResult {
    const containers: any[] = pod.spec!.containers ?? [];
    const previous = (pod.status?.containerStatuses ?? [])[0];
    const restarts = previous?.restartCount ?? 0;
    if (timing.nextRestartAt !== undefined && now < timing.nextRestartAt) return { requeueAfterMs: timing.nextRestartAt - now };
    const restartCount = timing.nextRestartAt === undefined ? restarts : restarts + 1;
    const oom = failure === 'OOMKilled';
    status.phase = 'Running';
    status.conditions = this.readiness(status.conditions, false, containers, time);
    status.containerStatuses = containers.map(c => ({
      ...this.containerStatus(c, false, restartCount + 1, {
        waiting: { reason: 'CrashLoopBackOff', message: `back-off ${CRASH_BACKOFF_MS[Math.min(restartCount, 5)] / 1000}s restarting failed container=${c.name} pod=${pod.metadata.name}` },
      }),
      lastState: {
        terminated: {
          exitCode: oom ? 137 : 1,
          reason: oom ? 'OOMKilled' : 'Error',
          startedAt: time,
          finishedAt: time,
        },
      },
    }));
    this.logs.append(pod, containers[0]?.name, oom ? 'torch.OutOfMemoryError: CUDA out of memory (simulated)' : 'RuntimeError: simulated model server crash');
    writeStatus(this.ctx.api, 'pods', pod, status, MANAGER);
    this.recordOnce(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    const delay = CRASH_BACKOFF_MS[Math.min(restartCount, CRASH_BACKOFF_MS.length - 1)];
    timing.nextRestartAt = now + delay;
    return { requeueAfterMs: delay };
  }

  private containerStatus(container: any, ready: boolean, restartCount: number, state: Record<string, unknown>) {
    return {
      name: container.name,
      image: container.image,
      imageID: `${container.image}@sha256:${'0'.repeat(64)}`,
      containerID: `containerd://${'1'.repeat(64)}`,
      ready,
      started: !('waiting' in state),
      restartCount,
      state,
      lastState: {},
    };
  }

  private readiness(conditions: any[], ready: boolean, containers: any[], time: string, reason?: string) {
    const notReady = containers.map(c => c.name).join(' ');
    const detail = ready
      ? { status: 'True' }
      : { status: 'False', reason: reason ?? 'ContainersNotReady', message: reason ? undefined : `containers with unready status: [${notReady}]` };
    let next = setCondition(conditions, { type: 'ContainersReady', ...detail } as any, time, { lastProbeTime: null });
    next = setCondition(next, { type: 'Ready', ...detail } as any, time, { lastProbeTime: null });
    for (const condition of next) if (condition.message === undefined) delete condition.message;
    return next;
  }

  private recordOnce(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string) {
    this.ctx.events.record({ ...pod, kind: 'Pod', apiVersion: 'v1' }, type, reason, message, MANAGER);
  }
}
