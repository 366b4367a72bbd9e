/** Inference runtimes Kaito can run a preset with. @public */
export type InferenceRuntime = 'vllm' | 'transformers';

/**
 * One model Kaito v0.12 knows (its `model_catalog.yaml`, kaito.md §3). Every model's
 * weights are downloaded from Hugging Face when the pod starts, and every model can be
 * spread over several nodes.
 *
 * @public
 */
export interface ModelPreset {
  /** The name a Workspace asks for: Kaito's legacy short name (`phi-4`) or the Hugging Face id. */
  name: string;
  /** Other names accepted for the preset (the Hugging Face id, the legacy short name). */
  aliases: string[];
  /** Hugging Face repository, as Kaito's catalog spells it. */
  hfRepo: string;
  /** The model name vLLM and transformers serve it under: the lower-cased repository name. */
  servedModelName: string;
  /** Size of the weight files in GiB (the catalog's `modelFileSize`). */
  weightsGiB: number;
  /** Minimum number of GPUs per workspace (1 for every catalog model). */
  gpuCountRequirement: number;
  /** OS disk the NodeClaim requests, in GiB: floor(weights + 80). */
  diskGiB: number;
  /** Model token limit (max context length). */
  contextLength: number;
  /** Whether Kaito can fine-tune it (transformers runtime only). */
  tuning: boolean;
  /** Runtimes able to serve it; the first is the default. */
  runtimes: InferenceRuntime[];
  /** Whether vLLM can load LoRA adapters for it. */
  vllmLoraSupport: boolean;
  /** The Hugging Face repository is gated: the pod needs an `HF_TOKEN` secret to download it. */
  requiresAuth: boolean;
  /** GPU memory needed for tuning, in GiB. */
  tuningMemoryGiB?: number;
  /** KV-cache bytes per token, used by the vLLM node estimator. */
  bytesPerToken: number;
  /** Architectures from the model's `config.json`. */
  architectures: string[];
  /** Quantization method (`fp8`, `awq`, `mxfp4`, …); vLLM then picks the dtype. */
  quantMethod?: string;
  /** `mistral` when vLLM must load weights, config and tokenizer in Mistral's own format. */
  vllmFormat?: 'mistral';
}
