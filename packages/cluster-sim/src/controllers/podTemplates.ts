import { createHash } from 'node:crypto';
import { canonicalJson, deepCopy, KubeObject, OwnerReference } from '../types';

/** A short stable hash of a pod template, as revision and pod-template-hash labels carry. @internal */
export function templateHash(template: unknown): string {
  return createHash('sha256').update(canonicalJson(template)).digest('hex').slice(0, 10);
}

/** A pod built from a workload's template. @internal */
export function podFromTemplate(
  template: any,
  name: string,
  namespace: string,
  owner: OwnerReference,
  extraLabels: Record<string, string>,
): KubeObject {
  const copy = deepCopy(template ?? {});
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(copy.metadata ?? {}),
      name,
      namespace,
      labels: { ...(copy.metadata?.labels ?? {}), ...extraLabels },
      ownerReferences: [owner],
    },
    spec: copy.spec ?? {},
  };
}

/** Whether a pod is Ready. @internal */
export function isPodReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}
