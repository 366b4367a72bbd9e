import { ConfigMap } from '../api/kubernetes';
import { TuningMethod, tuningMethodOf, Workspace } from '../api/workspace';
import { childMetadata } from './metadata';

/** Default output directory the tuning templates set. @public */
export const TUNING_OUTPUT_DIR = '/mnt/results';

/** `inference_config.yaml` of Kaito's `inference-params-template` (kaito.md §2.8). */
const INFERENCE_CONFIG = `# Extra vLLM arguments: each "vllm.<key>: <value>" becomes "--<key> <value>".
kv_cache_cpu_memory_utilization: 0.5
vllm:
  cpu-offload-gb: 0
  # max-model-len: 4096
`;

const TRAINING_COMMON = `  ModelConfig:
    torch_dtype: "bfloat16"
    local_files_only: true
    device_map: "auto"
  LoraConfig:
    r: 8
    lora_alpha: 8
    lora_dropout: 0.0
  TrainingArguments:
    output_dir: "${TUNING_OUTPUT_DIR}"
    ddp_find_unused_parameters: false
    save_strategy: "epoch"
    per_device_train_batch_size: 1
  DataCollator:
    mlm: true
  DatasetConfig:
    shuffle_dataset: true
    train_test_split: 1
`;

const TRAINING_CONFIG: Record<TuningMethod, string> = {
  lora: `training_config:\n${TRAINING_COMMON}`,
  qlora: `training_config:\n${TRAINING_COMMON}  QuantizationConfig:
    load_in_4bit: true
    bnb_4bit_quant_type: "nf4"
    bnb_4bit_compute_dtype: "bfloat16"
    bnb_4bit_use_double_quant: true
`,
};

/**
 * Kaito's cluster-wide params templates (`inference-params-template`,
 * `lora-params-template`, `qlora-params-template`) for the release namespace, for
 * clusters without Kaito's chart.
 *
 * @public
 */
export function renderParamsTemplates(releaseNamespace: string): ConfigMap[] {
  const configMap = (name: string, key: string, value: string): ConfigMap => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: releaseNamespace },
    data: { [key]: value },
  });
  return [
    configMap('inference-params-template', 'inference_config.yaml', INFERENCE_CONFIG),
    configMap('lora-params-template', 'training_config.yaml', TRAINING_CONFIG.lora),
    configMap('qlora-params-template', 'training_config.yaml', TRAINING_CONFIG.qlora),
  ];
}

/**
 * Name of the tuning config a workspace uses: its own `tuning.config`, or the copy of the
 * method's template rendered by {@link renderTuningConfigMap}.
 *
 * @public
 */
export function tuningConfigMapName(workspace: Workspace): string | undefined {
  if (!workspace.tuning) {
    return undefined;
  }
  return workspace.tuning.config ?? `${workspace.metadata.name}-${tuningMethodOf(workspace.tuning)}-params`;
}

/**
 * The per-workspace copy of the lora/qlora template, when the workspace names no config.
 * Named after the workspace (not the template) so that deleting one workspace never
 * removes a config another one uses.
 *
 * @public
 */
export function renderTuningConfigMap(workspace: Workspace, revision: string): ConfigMap | undefined {
  if (!workspace.tuning || workspace.tuning.config) {
    return undefined;
  }
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: childMetadata(workspace, tuningConfigMapName(workspace)!, revision),
    data: { 'training_config.yaml': TRAINING_CONFIG[tuningMethodOf(workspace.tuning)] },
  };
}
