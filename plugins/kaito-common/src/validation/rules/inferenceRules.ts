import { parse } from 'yaml';
import { AdapterSpec, Workspace } from '../../api/workspace';
import { INFERENCE_CONFIG_KEY } from '../../manifests/inferenceConfig';
import { findPreset, isHuggingFaceModelId, retiredPresetKind } from '../../presets/findPreset';
import { MODEL_PRESETS } from '../../presets/presets';
import { Issue } from '../../schema/issue';
import { imageReferenceIssue } from '../imageReferenceIssue';
import { error, warning } from '../issues';
import { workspaceRuntime } from '../runtime';
import { ValidationContext } from '../validationContext';

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kaito accepts at most this many adapters. @public */
export const MAX_ADAPTERS = 10;

/**
 * Preset/template, preset support, runtime and adapter rules. On `update` Kaito's webhook
 * skips the runtime checks (adapter strength with vLLM among them).
 * @internal
 */
export function inferenceRules(workspace: Workspace, context: ValidationContext, phase: 'create' | 'update' = 'create'): Issue[] {
  const inference = workspace.inference;
  if (!inference) {
    return [];
  }
  const issues: Issue[] = [];
  if (!inference.preset && !inference.template) {
    issues.push(error('inference', 'Preset or Template must be specified: set inference.preset.name to a model such as phi-4-mini-instruct'));
  }
  if (inference.preset && inference.template) {
    issues.push(error('inference.template', 'Preset and Template cannot be set at the same time; remove one of them'));
  }
  if (inference.preset) {
    issues.push(...presetRules(workspace, context));
  }
  issues.push(...adapterRules(workspace, context, phase));
  if (phase === 'create') issues.push(...inferenceConfigRules(workspace, context));
  return issues;
}

/**
 * Kaito v0.12's webhook on a vLLM workspace's inference ConfigMap: it must exist, hold
 * `inference_config.yaml`, parse as YAML with a `vllm` mapping, and a `max-model-len` there
 * must be a whole number (its limit is checked with the sizing).
 */
function inferenceConfigRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const name = workspace.inference?.config;
  const config = context.inferenceConfig;
  if (!name || !config || workspaceRuntime(workspace) !== 'vllm') {
    return [];
  }
  const path = 'inference.config';
  if (!config.found) {
    return [error(path, `ConfigMap '${name}' specified in 'config' not found in namespace '${workspace.metadata.namespace ?? 'default'}'`)];
  }
  if (config.yaml === undefined) {
    return [error(path, `missing field(s): ${INFERENCE_CONFIG_KEY} in ConfigMap`)];
  }
  let parsed: unknown;
  try {
    parsed = parse(config.yaml);
  } catch (cause) {
    return [error(path, `Failed to parse ${INFERENCE_CONFIG_KEY}: ${(cause as Error).message.split('\n')[0]}`)];
  }
  const vllm = isMapping(parsed) ? parsed.vllm : undefined;
  if ((parsed !== null && parsed !== undefined && !isMapping(parsed)) || (vllm !== undefined && vllm !== null && (!isMapping(vllm) || Object.values(vllm).some(isMapping)))) {
    return [error(path, `Failed to parse ${INFERENCE_CONFIG_KEY}: vllm must be a mapping of flag names to values`)];
  }
  const raw = isMapping(vllm) ? vllm['max-model-len'] : undefined;
  const text = raw === undefined || raw === null ? '' : String(raw).trim();
  const preset = workspace.inference?.preset?.name ? findPreset(workspace.inference.preset.name, { customPresets: context.catalog?.customPresets }) : undefined;
  if (text !== '' && preset?.contextLength && !/^[+-]?\d+$/.test(text)) {
    return [error(path, `max-model-len must be an integer: strconv.Atoi: parsing "${text}": invalid syntax`)];
  }
  return [];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rules shared by inference and tuning presets. @internal */
export function presetSupportRules(
  presetPath: string,
  name: string,
  context: ValidationContext,
): Issue[] {
  const workload = presetPath.startsWith('tuning') ? 'tuning' : 'inference';
  const preset = findPreset(name, { customPresets: context.catalog?.customPresets });
  if (preset) {
    return [];
  }
  const retired = retiredPresetKind(name);
  if (retired === 'deprecated') {
    return [error(`${presetPath}.name`, `Model ${name.trim().toLowerCase()} is deprecated and no longer supported; choose a current preset`)];
  }
  if (retired === 'removed') {
    return [
      error(
        `${presetPath}.name`,
        `Unsupported ${workload} preset name ${name}: Kaito v0.12 no longer has this preset. ${suggestPresets(name)}`,
      ),
    ];
  }
  if (isHuggingFaceModelId(name)) {
    return [
      warning(
        `${presetPath}.name`,
        `${name} is not in the preset catalog: Kaito will try it as a Hugging Face model, but its size is unknown, so GPU fit cannot be checked`,
      ),
    ];
  }
  return [error(`${presetPath}.name`, `Unsupported ${workload} preset name ${name}. ${suggestPresets(name)}`)];
}

function presetRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const spec = workspace.inference!.preset!;
  const issues = presetSupportRules('inference.preset', spec.name, context);
  const preset = findPreset(spec.name, { customPresets: context.catalog?.customPresets });
  if (!preset) {
    return issues;
  }
  const runtime = workspaceRuntime(workspace);
  if (!preset.runtimes.includes(runtime)) {
    issues.push(
      error(
        'metadata.annotations["kaito.sh/runtime"]',
        runtime === 'transformers'
          ? `model ${preset.servedModelName} does not support inference with Huggingface Transformers runtime; remove the kaito.sh/runtime annotation to use vLLM`
          : `model ${preset.name} does not support the vLLM runtime; set the annotation kaito.sh/runtime: transformers`,
      ),
    );
  }
  if (preset.requiresAuth && !spec.presetOptions?.modelAccessSecret) {
    issues.push(
      error(
        'inference.preset.presetOptions.modelAccessSecret',
        `This preset requires authentication: create a Secret with the key HF_TOKEN holding a Hugging Face token that may read ${preset.hfRepo}, and name it in presetOptions.modelAccessSecret${workspace.apiVersion === 'kaito.sh/v1alpha1' ? ' (a kaito.sh/v1beta1 field)' : ''}`,
      ),
    );
  }
  if (
    runtime === 'vllm' &&
    context.maxModelLen !== undefined &&
    preset.contextLength !== undefined &&
    context.maxModelLen > preset.contextLength
  ) {
    issues.push(
      error(
        'inference.config',
        `max-model-len ${context.maxModelLen} exceeds model's maximum supported context window ${preset.contextLength} (ModelTokenLimit)`,
      ),
    );
  }
  const adapters = workspace.inference!.adapters ?? [];
  if (adapters.length && runtime === 'vllm' && !preset.vllmLoraSupport) {
    issues.push(error('inference.adapters', `vLLM does not support LoRA adapters for ${preset.name}; use the transformers runtime or remove the adapters`));
  }
  return issues;
}

function adapterRules(workspace: Workspace, context: ValidationContext, phase: 'create' | 'update'): Issue[] {
  const adapters = workspace.inference?.adapters ?? [];
  const issues: Issue[] = [];
  if (adapters.length > MAX_ADAPTERS) {
    issues.push(error('inference.adapters', `at most ${MAX_ADAPTERS} adapters are supported, got ${adapters.length}`));
  }
  const seen = new Map<string, number>();
  const runtime = workspaceRuntime(workspace);
  adapters.forEach((adapter, index) => {
    const path = `inference.adapters[${index}]`;
    issues.push(...adapterSourceRules(adapter, path, context));
    const name = adapter.source.name;
    if (name) {
      if (seen.has(name)) {
        issues.push(error(`${path}.source.name`, `adapter name '${name}' is already used by adapters[${seen.get(name)}]; names must be unique`));
      } else {
        seen.set(name, index);
      }
    }
    issues.push(...strengthRules(adapter, `${path}.strength`, runtime, phase === 'create' && Boolean(workspace.inference?.preset)));
  });
  return issues;
}

function adapterSourceRules(adapter: AdapterSpec, path: string, context: ValidationContext): Issue[] {
  const { source } = adapter;
  const issues: Issue[] = [];
  if (!source.name) {
    issues.push(error(`${path}.source.name`, 'adapter source name is required: it names the adapter directory and the model id it is served under'));
  } else if (!DNS_1123_SUBDOMAIN.test(source.name) || source.name.length > 253) {
    issues.push(
      error(
        `${path}.source.name`,
        `adapter name '${source.name}' must be a lowercase RFC 1123 subdomain: lower-case letters, digits, '-' or '.', starting and ending with a letter or digit`,
      ),
    );
  }
  if (source.urls?.length) {
    issues.push(error(`${path}.source.urls`, 'adapters cannot be downloaded from URLs; package the adapter as an image or mount it with volumeSource'));
  }
  if (!source.image && !source.volumeSource) {
    issues.push(error(`${path}.source`, 'set exactly one of image or volumeSource'));
  } else if (source.image && source.volumeSource) {
    issues.push(error(`${path}.source`, 'set exactly one of image or volumeSource, not both'));
  }
  const imageIssue = source.image ? imageReferenceIssue(`${path}.source.image`, source.image, context) : undefined;
  if (imageIssue) issues.push(imageIssue);
  return issues;
}

function strengthRules(adapter: AdapterSpec, path: string, runtime: string, runtimeChecked: boolean): Issue[] {
  if (adapter.strength === undefined) {
    return [];
  }
  const value = Number(adapter.strength);
  if (adapter.strength.trim() === '' || Number.isNaN(value) || value < 0 || value > 1) {
    return [error(path, `strength '${adapter.strength}' must be a number between 0 and 1, e.g. "0.5"`)];
  }
  // Kaito v0.12's webhook refuses, on create, a preset workspace on vLLM whose adapters carry any strength, "1.0" included.
  if (runtime === 'vllm' && runtimeChecked) {
    return [
      error(
        path,
        'Runtime validation: vLLM does not support adapter strength; remove strength or set the annotation kaito.sh/runtime: transformers',
      ),
    ];
  }
  return [];
}

function suggestPresets(name: string): string {
  const stem = name.toLowerCase().split(/[-/.]/)[0];
  const similar = MODEL_PRESETS.filter(p => stem && p.name.toLowerCase().startsWith(stem)).map(p => p.name);
  return similar.length
    ? `Did you mean ${similar.slice(0, 4).join(', ')}?`
    : 'Use a preset from the catalog (e.g. phi-4-mini-instruct) or a Hugging Face id such as org/model';
}
