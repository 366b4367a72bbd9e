import { KaitoCatalog } from '../catalog/kaitoCatalog';
import { GpuSku } from '../sku/gpuSku';

/**
 * Cluster-level settings that shape the rendered objects, as Kaito takes them from its
 * flags and environment (`CLOUD_PROVIDER`, `PRESET_REGISTRY_NAME`, `--node-provisioner`).
 *
 * @public
 */
export interface RenderSettings {
  cloud: 'azure' | 'aws' | 'arc';
  /** How nodes are provisioned: NodeClaims, a Karpenter NodePool, or your own nodes. */
  provisioner: 'gpu-provisioner' | 'karpenter' | 'byo';
  /** Registry of preset and base images. Default `mcr.microsoft.com/aks/kaito`. */
  presetRegistry?: string;
  /** Tag of `kaito-base`. Default `0.5.0`. */
  baseImageTag?: string;
  /** Karpenter/gpu-provisioner NodeClass name. Default `default` (or the workspace annotation). */
  nodeClassName?: string;
  /** Image prefix rewrites for air-gapped clusters, applied to every rendered image. */
  imageMirror?: { from: string; to: string }[];
  /** Pull secrets added to every rendered pod. */
  imagePullSecrets?: string[];
  /** Clock for NodeClaim name hashing; default the epoch, so pass one in a controller. */
  now?: () => Date;
  /** Custom SKUs and presets. */
  catalog?: KaitoCatalog;
  /** Revision stamped in `workspace.kaito.io/revision`; default the workspace's annotation, else "1". */
  revision?: string;
  /** Node count; default `status.targetNodeCount`, else estimated. */
  targetNodeCount?: number;
  /** Use a `kaito-local-nvme-disk` volume claim for weights on NVMe SKUs. Default false. */
  useLocalNvme?: boolean;
  /** max-model-len from the user's inference config (for sizing). */
  maxModelLen?: number;
  /** GPUs per node for BYO nodes without a known SKU (from their GFD labels). Default 1. */
  gpusPerNode?: number;
  /**
   * The GPU shape of the workspace's bring-your-own nodes, read from their labels
   * ({@link byoGpuShape}); used when the workspace names no instance type.
   */
  byoGpuShape?: GpuSku;
  /**
   * Honour the `backstage.kaito.sh/trust-remote-code` annotation on workspaces whose model
   * is no catalog preset (see `trustsRemoteCode`). Default false.
   */
  allowTrustRemoteCode?: boolean;
}

/** Images of Kaito's helper containers. @public */
export const KAITO_HELPER_IMAGES = {
  skopeo: 'mcr.microsoft.com/aks/skopeo:1.14.4-6',
  orasPull: 'mcr.microsoft.com/oss/v2/oras-project/oras:v1.2.3',
  orasPush: 'ghcr.io/oras-project/oras:v1.2.2',
  curl: 'curlimages/curl',
  pause: 'registry.k8s.io/pause:latest',
} as const;
