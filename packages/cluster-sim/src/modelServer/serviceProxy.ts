import { ResourceApi } from '../api/ResourceApi';
import { ApiError, notFound, serviceUnavailable } from '../errors';
import { ProxyHandler } from '../http/HandlerContext';
import { sendError } from '../http/respond';
import { compileStructuredSelector } from '../store/labelSelector';
import { Clock, KubeObject } from '../types';
import { isPodReady } from '../controllers/podTemplates';
import { inferenceTargetOf } from './inferencePod';
import { ModelServer } from './ModelServer';

function resolveTargetPort(service: KubeObject, port: string | undefined): string | number {
  const ports: any[] = service.spec?.ports ?? [];
  const chosen = port === undefined ? ports[0] : ports.find(p => p.name === port || String(p.port) === port);
  if (!chosen) {
    throw serviceUnavailable(`no endpoints available for service "${service.metadata.name}"`);
  }
  return chosen.targetPort ?? chosen.port;
}

function containerPortOf(pod: KubeObject, target: string | number): number | undefined {
  if (typeof target === 'number' || /^\d+$/.test(String(target))) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    const port = (container.ports ?? []).find((p: any) => p.name === target);
    if (port) return port.containerPort;
  }
  return undefined;
}

/**
 * The API server's proxy to Services and Pods, answered by simulated model servers in ready
 * inference pods. Errors read as a real API server's would: no endpoints, connection refused.
 * @internal
 */
export function createModelServerProxy(api: ResourceApi, clock: Clock, tokenDelayMs: number): ProxyHandler {
  // kube-proxy spreads a Service's connections over its ready endpoints; here in turn, per Service.
  const nextEndpoint = new Map<string, number>();
  return async (target, req, res) => {
    try {
      let pods: KubeObject[];
      let portSpec: string | number;
      if (target.kind === 'service') {
        const service = api.store.peek('services', target.namespace, target.name);
        if (!service) throw notFound({ group: '', resource: 'services', name: target.name });
        portSpec = resolveTargetPort(service, target.port);
        const selector = service.spec?.selector;
        const matches = compileStructuredSelector(selector ? { matchLabels: selector } : undefined);
        const candidates = api.store
          .peekAll('pods', target.namespace)
          .filter(p => matches(p.metadata.labels) && p.status?.podIP && !p.metadata.deletionTimestamp);
        const ready = candidates.filter(isPodReady);
        pods = ready;
        if (!pods.length && service.spec?.publishNotReadyAddresses) pods = candidates;
        if (!pods.length) throw serviceUnavailable(`no endpoints available for service "${target.name}"`);
      } else {
        const pod = api.store.peek('pods', target.namespace, target.name);
        if (!pod) throw notFound({ group: '', resource: 'pods', name: target.name });
        pods = [pod];
        portSpec = target.port ?? 80;
      }
      let pod = pods[0];
      if (target.kind === 'service' && pods.length > 1) {
        const key = `${target.namespace}/${target.name}`;
        const turn = nextEndpoint.get(key) ?? 0;
        nextEndpoint.set(key, turn + 1);
        pod = [...pods].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[turn % pods.length];
      }
      const port = containerPortOf(pod, portSpec);
      const inference = inferenceTargetOf(pod);
      const ip = pod.status?.podIP ?? '<none>';
      if (!inference || port !== inference.port || !isPodReady(pod)) {
        throw new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${ip}:${port ?? portSpec}: connect: connection refused`);
      }
      const started = Date.parse(pod.status?.startTime ?? new Date(clock.now()).toISOString());
      await new ModelServer(inference, clock, tokenDelayMs, started).handle(req.method ?? 'GET', target.path, req, res);
    } catch (error) {
      sendError(res, error);
    }
  };
}
