import { Service } from '../api/kubernetes';
import { KaitoAnnotations, KaitoLabels } from '../labels';
import { childMetadata } from './metadata';
import { RenderContext } from './renderContext';

/**
 * Port the model server listens on inside the pod.
 *
 * @public
 */
export const INFERENCE_CONTAINER_PORT = 5000;

/**
 * Service `<ws>`: port 80 to the leader pod `<ws>-0` (plus Ray, dashboard and, for vLLM
 * on ClusterIP, KV events); a LoadBalancer when `kaito.sh/enablelb: "True"`.
 *
 * @public
 */
export function renderService(context: RenderContext): Service {
  const { workspace } = context;
  const name = workspace.metadata.name;
  const loadBalancer = workspace.metadata.annotations?.[KaitoAnnotations.enableLoadBalancer] === 'True';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMetadata(workspace, name, undefined),
    spec: {
      type: loadBalancer ? 'LoadBalancer' : 'ClusterIP',
      selector: {
        [KaitoLabels.workspace]: name,
        'statefulset.kubernetes.io/pod-name': `${name}-0`,
      },
      ports: [
        { name: 'http', port: 80, targetPort: INFERENCE_CONTAINER_PORT, protocol: 'TCP' },
        { name: 'ray', port: 6379, targetPort: 6379, protocol: 'TCP' },
        { name: 'dashboard', port: 8265, targetPort: 8265, protocol: 'TCP' },
        ...(context.runtime === 'vllm' && !loadBalancer
          ? [{ name: 'kv-events', port: 5557, targetPort: 5557, protocol: 'TCP' as const }]
          : []),
      ],
      publishNotReadyAddresses: true,
    },
  };
}

/**
 * Headless Service `<ws>-headless`, giving pods the DNS names `<ws>-N.<ws>-headless`.
 *
 * @public
 */
export function renderHeadlessService(context: RenderContext): Service {
  const { workspace } = context;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMetadata(workspace, headlessServiceName(workspace.metadata.name), undefined),
    spec: {
      clusterIP: 'None',
      selector: { [KaitoLabels.workspace]: workspace.metadata.name },
      publishNotReadyAddresses: true,
    },
  };
}

/** @public */
export function headlessServiceName(workspaceName: string): string {
  return `${workspaceName}-headless`;
}
