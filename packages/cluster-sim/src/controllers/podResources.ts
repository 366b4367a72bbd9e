import { KubeObject } from '../types';
import { parseQuantity } from './quantity';

/** A pod's effective requests: the sum over containers, or the largest init container if larger. @internal */
export function podRequests(pod: KubeObject): Record<string, number> {
  const total: Record<string, number> = {};
  for (const container of pod.spec?.containers ?? []) {
    for (const [name, value] of Object.entries(container.resources?.requests ?? container.resources?.limits ?? {})) {
      total[name] = (total[name] ?? 0) + parseQuantity(value);
    }
  }
  for (const container of pod.spec?.initContainers ?? []) {
    for (const [name, value] of Object.entries(container.resources?.requests ?? container.resources?.limits ?? {})) {
      total[name] = Math.max(total[name] ?? 0, parseQuantity(value));
    }
  }
  return total;
}

/** Whether a pod still holds its node's resources. @internal */
export function isPodActive(pod: KubeObject): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}
