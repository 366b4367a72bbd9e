import { InferenceSet } from './inferenceSet';
import { inferenceSetOwnerReference } from './renderInferenceSetWorkspace';

/**
 * The `scaledobject.kaito.sh/` annotations keda-kaito-scaler reads on an InferenceSet (the
 * form Kaito v0.12's examples use: one metric name and threshold).
 *
 * @public
 */
export const ScaledObjectAnnotations = {
  autoProvision: 'scaledobject.kaito.sh/auto-provision',
  minReplicas: 'scaledobject.kaito.sh/min-replicas',
  maxReplicas: 'scaledobject.kaito.sh/max-replicas',
  threshold: 'scaledobject.kaito.sh/threshold',
  metricName: 'scaledobject.kaito.sh/metricName',
  managedBy: 'scaledobject.kaito.sh/managed-by',
} as const;

/** keda-kaito-scaler's defaults (v0.5): metric, polling, and where its gRPC service listens. @public */
export const KEDA_KAITO_SCALER = {
  name: 'keda-kaito-scaler',
  defaultMetricName: 'vllm:num_requests_waiting',
  pollingIntervalSeconds: 15,
  address: 'keda-kaito-scaler-svc.kaito-workspace.svc.cluster.local:10450',
  triggerAuthentication: 'keda-kaito-scaler-creds',
} as const;

/** What the set's annotations ask of the autoscaler. @public */
export interface InferenceSetAutoscaling {
  minReplicas: number;
  maxReplicas: number;
  metricName: string;
  threshold: string;
}

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Math.min(Number(text), 2_147_483_647);
}

/**
 * The autoscaling a set asks for, read as keda-kaito-scaler reads it: only with
 * `auto-provision: "true"` and either `max-replicas` above 1 or a `nodeCountLimit`;
 * min defaults to 1; max is `max-replicas` without a node count limit, else the limit
 * divided by the nodes one replica takes (`nodesPerReplica`, its `status.targetNodeCount`),
 * at least 1. Undefined when the scaler would make no ScaledObject, or when the max
 * depends on a node count not known yet.
 *
 * @public
 */
export function inferenceSetAutoscaling(set: InferenceSet, nodesPerReplica?: number): InferenceSetAutoscaling | undefined {
  const annotations = set.metadata.annotations ?? {};
  if (annotations[ScaledObjectAnnotations.autoProvision] !== 'true') return undefined;
  const limit = set.spec.nodeCountLimit ?? 0;
  const maxAnnotation = annotations[ScaledObjectAnnotations.maxReplicas];
  if (maxAnnotation !== undefined) {
    if ((positiveInt(maxAnnotation) ?? 0) <= 1) return undefined;
  } else if (limit === 0) {
    return undefined;
  }
  let maxReplicas: number;
  if (limit === 0) {
    maxReplicas = Math.max(1, positiveInt(maxAnnotation) ?? 1);
  } else {
    if (!nodesPerReplica) return undefined;
    maxReplicas = Math.max(1, Math.floor(limit / nodesPerReplica));
  }
  const min = positiveInt(annotations[ScaledObjectAnnotations.minReplicas]);
  const metricName = annotations[ScaledObjectAnnotations.metricName] || KEDA_KAITO_SCALER.defaultMetricName;
  return {
    minReplicas: min !== undefined && min > 1 ? min : 1,
    maxReplicas,
    metricName,
    threshold: annotations[ScaledObjectAnnotations.threshold] ?? '',
  };
}

/**
 * The most replicas `nodeCountLimit` allows when each takes `nodesPerReplica` nodes;
 * undefined without a limit.
 *
 * @public
 */
export function replicasAllowedByNodeCountLimit(set: InferenceSet, nodesPerReplica: number): number | undefined {
  const limit = set.spec.nodeCountLimit ?? 0;
  if (limit === 0) return undefined;
  return Math.floor(limit / Math.max(1, nodesPerReplica));
}

/**
 * The KEDA ScaledObject keda-kaito-scaler creates for an autoscaled set: named after the
 * set, owned by it, scaling its scale subresource between min and max from the scaler's
 * external trigger, with the scaler's HPA behaviour (one replica per 5 min up, per 10 min down).
 * Undefined when the set asks for no autoscaling (see {@link inferenceSetAutoscaling}).
 *
 * @public
 */
export function renderInferenceSetScaledObject(set: InferenceSet, nodesPerReplica?: number): Record<string, unknown> | undefined {
  const scaling = inferenceSetAutoscaling(set, nodesPerReplica);
  if (!scaling || scaling.maxReplicas < scaling.minReplicas) return undefined;
  const namespace = set.metadata.namespace ?? 'default';
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: {
      name: set.metadata.name,
      namespace,
      annotations: { [ScaledObjectAnnotations.managedBy]: KEDA_KAITO_SCALER.name },
      ownerReferences: [{ ...inferenceSetOwnerReference(set), apiVersion: 'kaito.sh/v1alpha1' }],
    },
    spec: {
      scaleTargetRef: { apiVersion: 'kaito.sh/v1alpha1', kind: 'InferenceSet', name: set.metadata.name },
      pollingInterval: KEDA_KAITO_SCALER.pollingIntervalSeconds,
      minReplicaCount: scaling.minReplicas,
      maxReplicaCount: scaling.maxReplicas,
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: {
            scaleUp: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 300 }], tolerance: '0.1' },
            scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 600 }], tolerance: '0.5' },
          },
        },
      },
      triggers: [
        {
          type: 'external',
          name: KEDA_KAITO_SCALER.name,
          metricType: 'AverageValue',
          metadata: {
            threshold: scaling.threshold,
            inferenceSetName: set.metadata.name,
            inferenceSetNamespace: namespace,
            scalerAddress: KEDA_KAITO_SCALER.address,
            metricName: scaling.metricName,
          },
          authenticationRef: { name: KEDA_KAITO_SCALER.triggerAuthentication, kind: 'ClusterTriggerAuthentication' },
        },
      ],
    },
  };
}
