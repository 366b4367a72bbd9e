import type * as corev1 from 'kubernetes-types/core/v1';
import { Condition, NodeSelectorRequirement, ObjectMeta, Quantity } from './kubernetes';

/** A node taint (Karpenter uses core/v1's); `effect` narrowed to the three the API server accepts. @public */
export type Taint = Omit<corev1.Taint, 'effect'> & { effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' };

/** @public */
export interface NodeClassReference {
  group: string;
  kind: string;
  name: string;
}

/** @public */
export interface NodeClaimSpec {
  nodeClassRef: NodeClassReference;
  requirements: (NodeSelectorRequirement & { minValues?: number })[];
  taints?: Taint[];
  startupTaints?: Taint[];
  resources?: { requests?: Record<string, Quantity> };
  expireAfter?: string;
  terminationGracePeriod?: string;
}

/** @public */
export interface NodeClaimStatus {
  nodeName?: string;
  providerID?: string;
  imageID?: string;
  capacity?: Record<string, Quantity>;
  allocatable?: Record<string, Quantity>;
  conditions?: Condition[];
  lastPodEventTime?: string;
}

/** A Karpenter `karpenter.sh/v1` NodeClaim: one requested node. @public */
export interface NodeClaim {
  apiVersion: 'karpenter.sh/v1';
  kind: 'NodeClaim';
  metadata: ObjectMeta & { name: string };
  spec: NodeClaimSpec;
  status?: NodeClaimStatus;
}
