import { KaitoCatalog } from '../catalog/kaitoCatalog';

/**
 * What validation needs to know about the target cluster.
 *
 * @public
 */
export interface ValidationContext {
  /** Cloud of the cluster; selects the SKU table. */
  cloud: 'azure' | 'aws' | 'arc';
  /** Node auto-provisioning (gpu-provisioner or Karpenter). False means BYO nodes. Default true. */
  nodeAutoProvisioning?: boolean;
  /** Custom SKUs, presets and prices from config. */
  catalog?: KaitoCatalog;
  /** Karpenter NodeClass names the cluster offers (checked only when given). */
  allowedNodeClassNames?: readonly string[];
  /** max-model-len from the referenced inference ConfigMap, when the caller read it. */
  maxModelLen?: number;
  /**
   * How an image that is not a valid reference counts: `strict`, an error as in Kaito's
   * webhook; `warn`, a warning that it will fail to pull (for simulated clusters, where the
   * quick starts' placeholder images must run as written). Default `strict`.
   */
  imageReferences?: 'strict' | 'warn';
}
