import { canonicalQuantity } from '@kaito-backstage/plugin-kaito-common';

/*
 * What a real kube-apiserver v1.32 hands back for an object a client created, from the
 * defaulting list in kube-apiserver-behaviour.md and the Go types' JSON encoding
 * (`omitempty` drops zero values; quantities come back canonical). Independent of the
 * simulator, so drift tests hold even where the simulator is less thorough.
 */

/** Map-valued fields that the server leaves out when empty. */
const OMITEMPTY_MAPS = new Set(['labels', 'annotations', 'nodeSelector', 'matchLabels', 'selector', 'data', 'limits', 'requests']);
/** Non-pointer integer fields that the server leaves out when 0. */
const OMITEMPTY_INTS = new Set(['initialDelaySeconds', 'minReadySeconds', 'hostPort']);
/** Non-pointer boolean fields that the server leaves out when false. */
const OMITEMPTY_BOOLS = new Set(['publishNotReadyAddresses', 'hostNetwork', 'hostPID', 'hostIPC', 'stdin', 'tty', 'readOnly', 'stdinOnce']);

let nextClusterIp = 1;

/** A deep copy of `object` as a real API server would store and return it. @internal */
export function storedByApiServer<T>(object: T, options: { uid?: string } = {}): T {
  const stored = JSON.parse(JSON.stringify(object));
  const uid = options.uid ?? '6f1c0de3-0000-4000-8000-000000000001';
  stored.metadata = {
    ...stored.metadata,
    uid,
    resourceVersion: '4711',
    generation: 1,
    creationTimestamp: '2026-12-01T08:00:00Z',
    managedFields: [{ manager: 'kaito-backstage-controller', operation: 'Update', apiVersion: stored.apiVersion }],
  };
  const spec = stored.spec ?? {};
  switch (stored.kind) {
    case 'StatefulSet':
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      defaultPodTemplate(spec.template);
      stored.status = { replicas: 0, availableReplicas: 0, observedGeneration: 1 };
      break;
    case 'Deployment':
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
      defaultPodTemplate(spec.template);
      break;
    case 'Job':
      spec.parallelism ??= 1;
      spec.completions ??= 1;
      spec.backoffLimit ??= 6;
      spec.completionMode ??= 'NonIndexed';
      spec.suspend ??= false;
      spec.podReplacementPolicy ??= 'TerminatingOrFailed';
      spec.manualSelector ??= false;
      spec.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      spec.template.metadata ??= {};
      spec.template.metadata.labels = {
        ...spec.template.metadata.labels,
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': stored.metadata.name,
        'controller-uid': uid,
        'job-name': stored.metadata.name,
      };
      defaultPodTemplate(spec.template);
      break;
    case 'Service':
      defaultService(spec);
      stored.status = { loadBalancer: {} };
      break;
    default:
      // ConfigMaps and custom resources (NodeClaim, NodePool) are stored as sent.
      break;
  }
  if (stored.spec) stored.spec = spec;
  return dropOmitted(stored) as T;
}

function defaultService(spec: any) {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  spec.clusterIP ??= `10.0.0.${nextClusterIp++ % 250 + 2}`;
  spec.clusterIPs ??= [spec.clusterIP];
  for (const [index, port] of (spec.ports ?? []).entries()) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
    if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') port.nodePort ??= 30000 + index;
  }
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    spec.externalTrafficPolicy ??= 'Cluster';
  }
}

function defaultPodTemplate(template: any) {
  template.metadata ??= {};
  template.metadata.creationTimestamp = null;
  const spec = template.spec;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultContainer(container);
  for (const volume of spec.volumes ?? []) {
    for (const source of ['secret', 'configMap', 'projected', 'downwardAPI']) {
      if (volume[source]) volume[source].defaultMode ??= 420;
    }
  }
}

function defaultContainer(container: any) {
  const image = String(container.image ?? '');
  const tag = image.includes('@') ? 'digest' : /:[^/]+$/.exec(image)?.[0];
  container.imagePullPolicy ??= !tag || tag === ':latest' ? 'Always' : 'IfNotPresent';
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  for (const port of container.ports ?? []) port.protocol ??= 'TCP';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = container[probe];
    if (!p) continue;
    p.timeoutSeconds ??= 1;
    p.periodSeconds ??= 10;
    p.successThreshold ??= 1;
    p.failureThreshold ??= 3;
    if (p.httpGet) p.httpGet.scheme ??= 'HTTP';
  }
  const resources = (container.resources ??= {});
  if (resources.limits) {
    resources.requests = { ...resources.requests };
    for (const [name, value] of Object.entries(resources.limits)) resources.requests[name] ??= value;
  }
  for (const map of [resources.limits, resources.requests]) {
    for (const [name, value] of Object.entries(map ?? {})) map[name] = canonicalQuantity(value) ?? value;
  }
}

/** The JSON encoding's `omitempty`: drops empty strings and lists, and the zero values listed above. */
function dropOmitted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(item => dropOmitted(item));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (OMITEMPTY_INTS.has(k) && v === 0) continue;
    if (OMITEMPTY_BOOLS.has(k) && v === false) continue;
    const cleaned = dropOmitted(v);
    if (OMITEMPTY_MAPS.has(k) && isEmptyObject(cleaned)) continue;
    if (k === 'sizeLimit') out[k] = canonicalQuantity(cleaned) ?? cleaned;
    else out[k] = cleaned;
  }
  return out;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
