/** Inference runtimes Kaito can run a preset with. @public */
export type InferenceRuntime = 'vllm' | 'transformers';

/**
 * One model of Kaito's preset catalog (kaito.md §3).
 *
 * @public
 */
export interface ModelPreset {
  /** Kaito's preset name, e.g. `phi-4-mini-instruct`; also the image name suffix. */
  name: string;
  /** Other names accepted for the preset (Hugging Face id, older short names). */
  aliases: string[];
  /** Hugging Face repository. */
  hfRepo: string;
  /** Size of the safetensors weights in GiB (what the webhook compares with GPU memory). */
  weightsGiB: number;
  /** Minimum number of GPUs per workspace. */
  gpuCountRequirement: number;
  /** OS disk the NodeClaim requests, in GiB. */
  diskGiB: number;
  /** Model token limit (max context length). */
  contextLength?: number;
  /** Whether the model can run across several nodes. */
  distributed: boolean;
  /** Whether Kaito can fine-tune it (transformers runtime only). */
  tuning: boolean;
  /** Runtimes able to serve it; the first is the default. */
  runtimes: InferenceRuntime[];
  /** Whether vLLM can load LoRA adapters for it. */
  vllmLoraSupport: boolean;
  /** Weights are downloaded from Hugging Face when the pod starts. */
  downloadAtRuntime: boolean;
  /** Needs `presetOptions.modelAccessSecret` (an `HF_TOKEN` secret). */
  requiresAuth: boolean;
  /** Kaito rejects it ("Model X is deprecated and no longer supported"). */
  deprecated?: boolean;
  /** Image name, `kaito-<name>`. */
  imageName: string;
  /** Image tag from Kaito's supported_models.yaml. */
  imageTag: string;
  /** GPU memory needed for tuning, in GiB. */
  tuningMemoryGiB?: number;
  /**
   * KV-cache bytes per token (2 × layers × KV heads × head dim × 2 bytes, from the
   * model's Hugging Face config), used by the vLLM node estimator.
   */
  bytesPerToken: number;
  /** A private v0.4 image preset: no public image exists. */
  privateImage?: boolean;
}
