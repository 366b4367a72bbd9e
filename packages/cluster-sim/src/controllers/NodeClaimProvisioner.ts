import { randomBytes } from 'node:crypto';
import { ApiError } from '../errors';
import { LaunchFailure } from '../options';
import { deepCopy, formatTimestamp, KubeObject } from '../types';
import { ControllerContext, scopeOf, setCondition, writeStatus } from './ControllerContext';
import { KeyedLoop } from './KeyedLoop';
import { nodeShapeFor } from './nodeShape';

const NODECLAIMS = 'nodeclaims.karpenter.sh';
const TERMINATION_FINALIZER = 'karpenter.sh/termination';
const MANAGER = 'gpu-provisioner';

/** Options of the simulated provisioner. @internal */
export interface ProvisionerOptions {
  delayMs: number;
  failures: Record<string, LaunchFailure>;
}

function instanceTypeOf(claim: KubeObject): string {
  const requirement = (claim.spec?.requirements ?? []).find((r: any) => r.key === 'node.kubernetes.io/instance-type');
  return requirement?.values?.[0] ?? claim.metadata.labels?.['node.kubernetes.io/instance-type'] ?? 'unknown';
}

/** Labels a Karpenter node gets from its claim: the claim's labels plus single-valued `In` requirements. */
function labelsFromClaim(claim: KubeObject): Record<string, string> {
  const labels: Record<string, string> = { ...(claim.metadata.labels ?? {}) };
  for (const requirement of claim.spec?.requirements ?? []) {
    if (requirement.operator === 'In' && requirement.values?.length === 1) labels[requirement.key] = requirement.values[0];
  }
  return labels;
}

function failureCondition(failure: LaunchFailure, instanceType: string) {
  if (failure === 'QuotaExceeded') {
    return {
      reason: 'LaunchFailed',
      message: `creating instance, Operation could not be completed as it results in exceeding approved quota for ${instanceType}: insufficient regional vCPU quota (QuotaExceeded)`,
    };
  }
  return {
    reason: 'InsufficientCapacityError',
    message: `creating instance, insufficient capacity: all requested instance types (${instanceType}) were unavailable during launch`,
  };
}

/**
 * Fulfils Karpenter NodeClaims as Kaito's gpu-provisioner does: after a delay a Node appears with
 * the claim's labels and taints, the instance type and GPU capacity and feature-discovery labels of
 * the SKU; the claim goes Launched → Registered → Initialized → Ready. Injected failures leave
 * Launched=False with Karpenter-like reasons. Deleting a claim removes its node.
 * @internal
 */
export class NodeClaimProvisioner {
  private readonly loop: KeyedLoop;
  private readonly unsubscribe: () => void;
  private readonly launchAt = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext, private readonly options: ProvisionerOptions) {
    this.loop = new KeyedLoop('provisioner', name => this.reconcile(name), ctx.clock, ctx.onError);
    this.unsubscribe = ctx.api.store.subscribe(event => {
      if (event.resource === NODECLAIMS) this.loop.enqueue(event.object.metadata.name!);
    });
    for (const claim of ctx.api.store.peekAll(NODECLAIMS)) this.loop.enqueue(claim.metadata.name!);
  }

  stop() {
    this.unsubscribe();
    this.loop.stop();
  }

  private reconcile(name: string) {
    const { api, clock } = this.ctx;
    const claim = api.store.peek(NODECLAIMS, undefined, name);
    if (!claim) {
      this.launchAt.delete(name);
      return undefined;
    }
    if (claim.metadata.deletionTimestamp) return this.terminate(claim);
    const time = formatTimestamp(clock.now());
    const instanceType = instanceTypeOf(claim);
    const conditions: any[] = claim.status?.conditions ?? [];
    const launched = conditions.find(c => c.type === 'Launched');
    if (launched?.status === 'False') return undefined;
    if (!claim.metadata.finalizers?.includes(TERMINATION_FINALIZER)) {
      const next = deepCopy(claim);
      next.metadata.finalizers = [...(next.metadata.finalizers ?? []), TERMINATION_FINALIZER];
      api.update(scopeOf(api, NODECLAIMS), name, next, { fieldManager: MANAGER });
      return undefined;
    }
    if (!launched) {
      const failure = this.options.failures[instanceType];
      const status: any = { ...(claim.status ?? {}) };
      if (failure) {
        const why = failureCondition(failure, instanceType);
        status.conditions = setCondition(status.conditions, { type: 'Launched', status: 'False', ...why }, time);
        status.conditions = setCondition(status.conditions, { type: 'Ready', status: 'False', reason: 'NotLaunched', message: 'Launched=False' }, time);
        writeStatus(api, NODECLAIMS, claim, status, MANAGER);
        this.ctx.events.record({ ...claim, kind: 'NodeClaim', apiVersion: 'karpenter.sh/v1' }, 'Warning', 'LaunchFailed', why.message, 'karpenter');
        return undefined;
      }
      for (const type of ['Launched', 'Registered', 'Initialized']) {
        status.conditions = setCondition(status.conditions, { type, status: 'Unknown', reason: 'AwaitingReconciliation', message: 'object is awaiting reconciliation' }, time);
      }
      status.conditions = setCondition(status.conditions, { type: 'Ready', status: 'Unknown', reason: 'UnhealthyDependents', message: 'Launched=Unknown, Registered=Unknown, Initialized=Unknown' }, time);
      writeStatus(api, NODECLAIMS, claim, status, MANAGER);
      this.launchAt.set(name, clock.now() + this.options.delayMs);
      return { requeueAfterMs: this.options.delayMs };
    }
    const due = this.launchAt.get(name) ?? 0;
    if (launched.status === 'Unknown' && clock.now() < due) return { requeueAfterMs: due - clock.now() };
    if (claim.status?.conditions?.find((c: any) => c.type === 'Ready')?.status === 'True') return undefined;
    return this.launch(claim, instanceType, time);
  }

  private launch(claim: KubeObject, instanceType: string, time: string) {
    const { api } = this.ctx;
    const shape = nodeShapeFor(instanceType);
    const suffix = String(randomBytes(4).readUInt32BE(0) % 100_000_000).padStart(8, '0');
    const isAws = instanceType.includes('.');
    const nodeName = claim.status?.nodeName ?? (isAws ? `ip-10-0-${suffix.slice(0, 2)}-${Number(suffix.slice(2, 5)) % 255}.ec2.internal` : `aks-${claim.metadata.name}-${suffix}-vmss000000`);
    const providerID = isAws
      ? `aws:///us-west-2a/i-0${randomBytes(8).toString('hex')}`
      : `azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc_kaito-sim/providers/Microsoft.Compute/virtualMachineScaleSets/aks-${claim.metadata.name}-${suffix}-vmss/virtualMachines/0`;
    if (!api.store.peek('nodes', undefined, nodeName)) {
      const labels = {
        ...labelsFromClaim(claim),
        ...shape.labels,
        'kubernetes.io/hostname': nodeName,
        'karpenter.sh/nodepool': claim.metadata.labels?.['karpenter.sh/nodepool'] ?? 'kaito',
        'karpenter.sh/registered': 'true',
        'karpenter.sh/initialized': 'true',
        'kaito.sh/creation-timestamp': time.replace(/:/g, '-'),
      };
      api.create(
        scopeOf(api, 'nodes'),
        {
          metadata: { name: nodeName, labels, annotations: { 'karpenter.sh/nodeclaim': claim.metadata.name! } },
          spec: { providerID, taints: [...(claim.spec?.taints ?? [])] },
        },
        { fieldManager: MANAGER },
      );
      const node = api.store.peek('nodes', undefined, nodeName)!;
      writeStatus(api, 'nodes', node, nodeStatus(shape.capacity, time), 'kubelet');
    }
    const status: any = {
      ...(claim.status ?? {}),
      providerID,
      nodeName,
      imageID: 'AKSUbuntu-2204gen2containerd-202601.01.0',
      capacity: shape.capacity,
      allocatable: shape.capacity,
    };
    for (const type of ['Launched', 'Registered', 'Initialized', 'Ready']) {
      status.conditions = setCondition(status.conditions, { type, status: 'True', reason: type, message: '' }, time);
    }
    writeStatus(api, NODECLAIMS, claim, status, MANAGER);
    return undefined;
  }

  private terminate(claim: KubeObject) {
    const { api } = this.ctx;
    const nodeName = claim.status?.nodeName;
    if (nodeName && api.store.peek('nodes', undefined, nodeName)) {
      try {
        api.delete(scopeOf(api, 'nodes'), nodeName, {});
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 404)) throw error;
      }
    }
    if (claim.metadata.finalizers?.includes(TERMINATION_FINALIZER)) {
      const next = deepCopy(claim);
      next.metadata.finalizers = next.metadata.finalizers!.filter(f => f !== TERMINATION_FINALIZER);
      api.update(scopeOf(api, NODECLAIMS), claim.metadata.name!, next, { fieldManager: MANAGER });
    }
    return undefined;
  }
}

/** A Ready node's status. @internal */
export function nodeStatus(capacity: Record<string, string>, time: string) {
  return {
    capacity,
    allocatable: capacity,
    conditions: [
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: time, lastTransitionTime: time },
      { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: time, lastTransitionTime: time },
      { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: time, lastTransitionTime: time },
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: time, lastTransitionTime: time },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.32.13',
      kubeProxyVersion: 'v1.32.13',
      containerRuntimeVersion: 'containerd://1.7.27-1',
      kernelVersion: '5.15.0-1079-azure',
      osImage: 'Ubuntu 22.04.5 LTS',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    addresses: [{ type: 'Hostname', address: 'sim' }],
  };
}
