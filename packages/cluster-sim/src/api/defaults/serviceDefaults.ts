import { KubeObject } from '../../types';

/**
 * SetDefaults_Service plus what the Service REST storage allocates on create (cluster IPs, IP
 * families, node ports), as a single-stack IPv4 cluster with the range 10.0.0.0/16 does.
 */

let nextClusterIp = 10;
let nextNodePort = 30000;

function allocateClusterIp(): string {
  const ip = `10.0.${Math.floor(nextClusterIp / 250)}.${(nextClusterIp % 250) + 1}`;
  nextClusterIp++;
  return ip;
}

function allocateNodePort(): number {
  const port = nextNodePort;
  nextNodePort = nextNodePort >= 32767 ? 30000 : nextNodePort + 1;
  return port;
}

/** Defaults a Service in place. @internal */
export function defaultService(object: KubeObject, isCreate: boolean): void {
  object.spec ??= {};
  const spec = object.spec;
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && !spec.sessionAffinityConfig?.clientIP?.timeoutSeconds) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  const externallyAccessible = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (externallyAccessible) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
    if (isCreate && externallyAccessible && !port.nodePort) port.nodePort = allocateNodePort();
  }
  if (spec.type === 'ExternalName') return;
  if (isCreate && !spec.clusterIP) spec.clusterIP = spec.clusterIPs?.[0] ?? allocateClusterIp();
  if (spec.clusterIP) spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (isCreate) object.status = { loadBalancer: {} };
}

/**
 * On update, a Service keeps what the server allocated when the client leaves it out (the
 * cluster IPs and node ports), as the Service REST storage's update does.
 * @internal
 */
export function keepAllocatedServiceValues(previous: KubeObject, next: KubeObject): void {
  const before = previous.spec ?? {};
  if (!next.spec || typeof next.spec !== 'object') return;
  const spec = next.spec;
  const hadClusterIp = before.type !== 'ExternalName' && before.clusterIP;
  if (hadClusterIp && spec.type !== 'ExternalName') {
    if (!spec.clusterIP) spec.clusterIP = before.clusterIP;
    if (!spec.clusterIPs?.length && spec.clusterIP === before.clusterIP) spec.clusterIPs = before.clusterIPs;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    for (const port of spec.ports ?? []) {
      const old = (before.ports ?? []).find((p: any) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (!port.nodePort && old?.nodePort) port.nodePort = old.nodePort;
    }
  }
}
