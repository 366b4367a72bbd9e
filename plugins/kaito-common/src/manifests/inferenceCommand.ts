import { KaitoAnnotations, KaitoLabels } from '../labels';
import { servedModelName } from '../presets/servedModelName';
import { TRANSFORMERS_RUN_PARAMS } from '../presets/transformersRuntime';
import { disablesKvCacheCpuOffload, VllmModel, vllmModelFlags } from '../presets/vllmModelFlags';
import { formatFlags } from './commandLine';
import { RenderContext } from './renderContext';
import { headlessServiceName, INFERENCE_CONTAINER_PORT } from './renderServices';
import { namespaceOf } from './metadata';
import { trustsRemoteCode } from './trustRemoteCode';

/** Where weights live in the pod. @internal */
export const WEIGHTS_DIR = '/workspace/weights';
/** Where adapters are mounted. @internal */
export const ADAPTERS_DIR = '/mnt/adapter';
/** Where the inference ConfigMap is mounted. @internal */
export const CONFIG_DIR = '/mnt/config';
const RAY_PORT = 6379;

/** DNS name of the leader pod, `<ws>-0.<ws>-headless.<ns>.svc.cluster.local`. @internal */
export function leaderAddress(context: RenderContext): string {
  const name = context.workspace.metadata.name;
  return `${name}-0.${headlessServiceName(name)}.${namespaceOf(context.workspace)}.svc.cluster.local`;
}

/**
 * The Hugging Face model the pod downloads: the catalog's repository or the id the
 * workspace names, lower-cased as Kaito v0.12 resolves it.
 *
 * @internal
 */
export function modelToDownload(context: RenderContext): string {
  return (context.preset?.hfRepo ?? context.workspace.inference?.preset?.name ?? context.workspace.tuning?.preset.name ?? '').toLowerCase();
}

/**
 * The model name the server answers to: the InferenceSet's name for a workspace an
 * InferenceSet made, else the lower-cased Hugging Face repository name (`gemma-3-4b-it`).
 *
 * @public
 */
export function workspaceServedModelName(context: Pick<RenderContext, 'workspace' | 'preset'>): string {
  const inferenceSet = context.workspace.metadata.labels?.[KaitoLabels.inferenceSetCreatedBy];
  if (inferenceSet) {
    return inferenceSet;
  }
  return context.preset?.servedModelName ?? servedModelName(context.workspace.inference?.preset?.name ?? '');
}

const KV_CACHE_CPU_OFFLOAD_FLAG = 'kaito-kv-cache-cpu-memory-utilization';

/**
 * Kaito's three parallelism tiers: data parallel across the node's GPUs when the weights
 * take under half of one GPU (one node, several GPUs, known size); else tensor parallel
 * over the node's GPUs, plus pipeline parallel over the nodes when there are several.
 * Data and pipeline parallelism both switch LMCache's KV-cache CPU offload off.
 *
 * @internal
 */
export function parallelismFlags(context: Pick<RenderContext, 'preset' | 'sku' | 'gpusPerNode' | 'targetNodeCount'>): Record<string, string> {
  const { preset, sku, gpusPerNode, targetNodeCount } = context;
  const singleGpuGiB = sku ? sku.gpuMemoryGiB / sku.gpuCount : 0;
  if (targetNodeCount <= 1 && gpusPerNode > 1 && preset && preset.weightsGiB < singleGpuGiB * 0.5) {
    return { 'data-parallel-size': String(gpusPerNode), 'tensor-parallel-size': '1', [KV_CACHE_CPU_OFFLOAD_FLAG]: '0' };
  }
  if (targetNodeCount > 1) {
    return {
      'tensor-parallel-size': String(gpusPerNode),
      'pipeline-parallel-size': String(targetNodeCount),
      'distributed-executor-backend': 'ray',
      [KV_CACHE_CPU_OFFLOAD_FLAG]: '0',
    };
  }
  return { 'tensor-parallel-size': String(gpusPerNode) };
}

/**
 * The vLLM server command line (kaito.md §2.6), flags sorted: the model's own flags
 * ({@link vllmModelFlags}), the served name, the Hugging Face model to download, config,
 * adapters and parallelism; for several nodes, the Ray leader/worker wrapper selected by
 * `POD_INDEX`.
 *
 * @internal
 */
export function vllmCommandLine(context: RenderContext): string {
  const { workspace, preset, sku, targetNodeCount } = context;
  const model: VllmModel = preset ?? { servedModelName: workspaceServedModelName(context), architectures: [] };
  const flags: Record<string, string> = {
    ...vllmModelFlags(model),
    'served-model-name': workspaceServedModelName(context),
    'max-model-len': 'auto',
    'gpu-memory-utilization': sku?.gpuModel === 'A10' ? '0.82' : '0.84',
    'kv-events-config': `'{"enable_kv_cache_events":true}'`,
    'compilation-config.pass_config.fuse_allreduce_rms': 'False',
    port: String(INFERENCE_CONTAINER_PORT),
    model: modelToDownload(context),
    'download-dir': WEIGHTS_DIR,
  };
  if (!trustsRemoteCode(context)) delete flags['trust-remote-code'];
  if (workspace.inference?.config) {
    flags['kaito-config-file'] = `${CONFIG_DIR}/inference_config.yaml`;
  }
  if (workspace.inference?.adapters?.length) {
    flags['enable-lora'] = '';
    flags['kaito-adapters-dir'] = ADAPTERS_DIR;
  }
  const performanceMode = workspace.metadata.annotations?.[KaitoAnnotations.performanceMode];
  if (performanceMode) {
    flags['performance-mode'] = performanceMode;
  }
  // Kaito v0.12 does not offload the KV cache to CPU on a MIG slice either.
  if (disablesKvCacheCpuOffload(model) || workspace.resource.partition?.mode === 'mig') {
    flags[KV_CACHE_CPU_OFFLOAD_FLAG] = '0';
  }
  Object.assign(flags, parallelismFlags(context));
  const server = `python3 /workspace/vllm/inference_api.py ${formatFlags(flags)}`;
  if (targetNodeCount <= 1) {
    return server;
  }
  const leader = `/workspace/vllm/multi-node-serving.sh leader ${formatFlags({ ray_cluster_size: String(targetNodeCount), ray_port: String(RAY_PORT) })}`;
  const worker = `/workspace/vllm/multi-node-serving.sh worker ${formatFlags({ ray_address: leaderAddress(context), ray_port: String(RAY_PORT) })}`;
  return `if [ "\${POD_INDEX}" = "0" ]; then ${leader}; ${server}; else ${worker}; fi`;
}

/**
 * The transformers (accelerate) server command line, flags sorted: the model family's
 * flags from Kaito's transformers table, the served name and the model to download.
 *
 * @internal
 */
export function transformersCommandLine(context: RenderContext): string {
  const served = workspaceServedModelName(context);
  const launch = formatFlags({ num_processes: '1', num_machines: '1', machine_rank: '0', gpu_ids: 'all' });
  const app: Record<string, string> = {
    pipeline: 'text-generation',
    torch_dtype: 'bfloat16',
    ...TRANSFORMERS_RUN_PARAMS[context.preset?.servedModelName ?? served],
    served_model_name: served,
    pretrained_model_name_or_path: modelToDownload(context),
    allow_remote_files: '',
  };
  // The transformers table is keyed by served name, which a Hugging Face id can share with a catalog model.
  if (!trustsRemoteCode(context)) delete app.trust_remote_code;
  return `accelerate launch ${launch} /workspace/tfs/inference_api.py ${formatFlags(app)}`;
}
