import { KaitoCatalog } from '../catalog/kaitoCatalog';
import { GpuSku } from '../sku/gpuSku';

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
  /**
   * The BYO nodes the workspace's selector matches, when the caller listed them: how many,
   * and the GPU shape they share. Kaito's webhook checks the model's weights fit their memory.
   */
  byoNodes?: { count: number; shape: GpuSku };
  /** Kaito's feature gates that change what is valid; both off by default, as in Kaito v0.12. */
  featureGates?: { enableMIG?: boolean; enableAccelerator?: boolean };
  /**
   * The inference ConfigMap `inference.config` names, when the caller read it: whether it
   * exists, and its `inference_config.yaml`. Kaito's webhook checks it for vLLM workspaces.
   */
  inferenceConfig?: { found: boolean; yaml?: string };
  /** The tuning ConfigMap `tuning.config` names, when the caller read it, with its `training_config.yaml`. */
  tuningConfig?: { found: boolean; yaml?: string };
  /** max-model-len from the referenced inference ConfigMap, when the caller read it. */
  maxModelLen?: number;
  /**
   * How an image that is not a valid reference counts: `strict`, an error as in Kaito's
   * webhook; `warn`, a warning that it will fail to pull (for simulated clusters, where the
   * quick starts' placeholder images must run as written). Default `strict`.
   */
  imageReferences?: 'strict' | 'warn';
}
