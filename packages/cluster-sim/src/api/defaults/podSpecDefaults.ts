/**
 * The API server's defaulting of pod specs (k8s.io/kubernetes pkg/apis/core/v1 defaults.go):
 * what every PodSpec gets, pods and pod templates alike, and the few defaults only a Pod gets.
 */

/** Go's ParseImageName tag: an image without tag or digest means "latest". @internal */
export function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > lastSlash) return withoutDigest.slice(colon + 1);
  return image.includes('@') ? '' : 'latest';
}

function defaultHttpGet(action: any) {
  if (!action || typeof action !== 'object') return;
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

function defaultProbe(probe: any) {
  if (!probe || typeof probe !== 'object') return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  defaultHttpGet(probe.httpGet);
}

function defaultFieldRef(ref: any) {
  if (ref && typeof ref === 'object') ref.apiVersion ||= 'v1';
}

function defaultContainer(container: any) {
  if (!container || typeof container !== 'object') return;
  container.imagePullPolicy ||= imageTag(String(container.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  // A struct, not a pointer: always serialised, as `resources: {}` when empty.
  container.resources ??= {};
  for (const port of container.ports ?? []) port.protocol ||= 'TCP';
  for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) defaultProbe(probe);
  defaultHttpGet(container.lifecycle?.postStart?.httpGet);
  defaultHttpGet(container.lifecycle?.preStop?.httpGet);
  for (const env of container.env ?? []) defaultFieldRef(env?.valueFrom?.fieldRef);
}

const VOLUME_SOURCES_WITH_MODE = ['secret', 'configMap', 'downwardAPI', 'projected'];

function defaultVolume(volume: any) {
  if (!volume || typeof volume !== 'object') return;
  const sources = Object.keys(volume).filter(k => k !== 'name');
  if (!sources.length) volume.emptyDir = {};
  for (const source of VOLUME_SOURCES_WITH_MODE) {
    if (volume[source] && typeof volume[source] === 'object') volume[source].defaultMode ??= 420;
  }
  for (const item of volume.downwardAPI?.items ?? []) defaultFieldRef(item?.fieldRef);
  for (const projection of volume.projected?.sources ?? []) {
    if (projection?.serviceAccountToken) projection.serviceAccountToken.expirationSeconds ??= 3600;
    for (const item of projection?.downwardAPI?.items ?? []) defaultFieldRef(item?.fieldRef);
  }
  if (volume.hostPath && typeof volume.hostPath === 'object') volume.hostPath.type ??= '';
  const claimSpec = volume.ephemeral?.volumeClaimTemplate?.spec;
  if (claimSpec && typeof claimSpec === 'object') claimSpec.volumeMode ??= 'Filesystem';
}

/** SetDefaults_PodSpec and the defaults of everything inside it; for pods and pod templates. @internal */
export function defaultPodSpec(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    defaultContainer(container);
  }
  for (const volume of spec.volumes ?? []) defaultVolume(volume);
}

/** SetDefaults_Pod: only a Pod (never a template) copies limits into missing requests and enables service links. @internal */
export function defaultPodOnly(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = container?.resources?.limits;
    if (!limits) continue;
    container.resources.requests = { ...limits, ...(container.resources.requests ?? {}) };
  }
  spec.enableServiceLinks ??= true;
}

/** A pod template: its metadata always has `creationTimestamp: null`, its spec the PodSpec defaults. @internal */
export function defaultPodTemplate(template: any): void {
  if (!template || typeof template !== 'object') return;
  template.metadata ??= {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  defaultPodSpec(template.spec);
}
