import { Condition, NodeSelectorRequirement, ObjectMeta, Quantity } from './kubernetes';

/** A Karpenter node taint. @public */
export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

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
