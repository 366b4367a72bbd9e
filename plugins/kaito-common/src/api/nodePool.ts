import { Condition, ObjectMeta, Quantity } from './kubernetes';
import { NodeClaimSpec } from './nodeClaim';

/** @public */
export interface DisruptionBudget {
  nodes: string;
  reasons?: ('Underutilized' | 'Empty' | 'Drifted')[];
  schedule?: string;
  duration?: string;
}

/** @public */
export interface NodePoolSpec {
  template: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec: NodeClaimSpec;
  };
  disruption?: {
    consolidationPolicy?: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
    consolidateAfter?: string;
    budgets?: DisruptionBudget[];
  };
  limits?: Record<string, Quantity>;
  weight?: number;
  /** Static capacity (Karpenter ≥ 1.6): a fixed node count. */
  replicas?: number;
}

/** A Karpenter `karpenter.sh/v1` NodePool. @public */
export interface NodePool {
  apiVersion: 'karpenter.sh/v1';
  kind: 'NodePool';
  metadata: ObjectMeta & { name: string };
  spec: NodePoolSpec;
  status?: {
    resources?: Record<string, Quantity>;
    nodes?: number;
    conditions?: Condition[];
  };
}
