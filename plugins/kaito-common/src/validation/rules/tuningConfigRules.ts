import { parse } from 'yaml';
import { Workspace } from '../../api/workspace';
import { Issue } from '../../schema/issue';
import { error } from '../issues';
import { ValidationContext } from '../validationContext';

/** The key of a tuning ConfigMap Kaito reads. @public */
export const TUNING_CONFIG_KEY = 'training_config.yaml';

/** The sections Kaito v0.12 recognises under `training_config`. */
const TRAINING_SECTIONS = ['ModelConfig', 'QuantizationConfig', 'LoraConfig', 'TrainingArguments', 'DatasetConfig', 'DataCollator'];

/** Where Kaito mounts the tuning results; `output_dir` must name a directory under it. */
const RESULTS_BASE = '/mnt';

/**
 * Kaito v0.12's webhook on the tuning ConfigMap `tuning.config` names, when the caller read
 * it: it must exist and hold `training_config.yaml` with a `training_config` mapping of the
 * known sections; `load_in_4bit`/`load_in_8bit` must be booleans, not both true, true for
 * qlora and not for lora; `TrainingArguments.output_dir` must be a directory under /mnt.
 * Each message carries Kaito's prefix.
 *
 * @internal
 */
export function tuningConfigRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const name = workspace.tuning?.config;
  const config = context.tuningConfig;
  if (!workspace.tuning || !name || !config) {
    return [];
  }
  const namespace = workspace.metadata.namespace ?? 'default';
  const refuse = (message: string) => [error('tuning.config', `Failed to evaluate validateConfigMap: ${message}`)];
  if (!config.found) {
    return refuse(`ConfigMap '${name}' specified in 'config' not found in namespace '${namespace}'`);
  }
  if (config.yaml === undefined) {
    return refuse(`missing field(s): ${TUNING_CONFIG_KEY} in ConfigMap`);
  }
  let parsed: unknown;
  try {
    parsed = parse(config.yaml);
  } catch (cause) {
    return refuse(`Failed to parse '${TUNING_CONFIG_KEY}' in ConfigMap '${name}' in namespace '${namespace}': ${(cause as Error).message.split('\n')[0]}`);
  }
  const training = isMapping(parsed) ? parsed.training_config : undefined;
  if (!isMapping(training)) {
    return refuse("Expected 'training_config' key to contain a map");
  }
  const unknown = Object.keys(training).find(section => !TRAINING_SECTIONS.includes(section));
  if (unknown !== undefined) {
    return refuse(`Unrecognized section: ${unknown}`);
  }
  const problems = [...methodProblems(training, workspace.tuning.method.toLowerCase(), name), ...outputDirProblems(training, name, namespace)];
  return problems.flatMap(refuse);
}

function methodProblems(training: Record<string, unknown>, method: string, name: string): string[] {
  const qloraNeedsQuantization = `For method 'qlora', either 'load_in_4bit' or 'load_in_8bit' must be true in ConfigMap '${name}'`;
  const quantization = training.QuantizationConfig;
  if (quantization === undefined) {
    return method === 'qlora' ? [qloraNeedsQuantization] : [];
  }
  const section = isMapping(quantization) ? quantization : {};
  for (const key of ['load_in_4bit', 'load_in_8bit']) {
    const value = section[key];
    if (value !== undefined && value !== null && typeof value !== 'boolean') {
      return [`value must be either nil or a boolean, got type ${goTypeName(value)}`];
    }
  }
  const in4 = section.load_in_4bit === true;
  const in8 = section.load_in_8bit === true;
  if (in4 && in8) return [`Cannot set both 'load_in_4bit' and 'load_in_8bit' to true in ConfigMap '${name}'`];
  if (method === 'lora' && (in4 || in8)) return [`For method 'lora', 'load_in_4bit' or 'load_in_8bit' in ConfigMap '${name}' must not be true`];
  if (method === 'qlora' && !in4 && !in8) return [qloraNeedsQuantization];
  return [];
}

function outputDirProblems(training: Record<string, unknown>, name: string, namespace: string): string[] {
  const args = training.TrainingArguments;
  if (!isMapping(args) || !('output_dir' in args)) {
    return [];
  }
  const dir = args.output_dir;
  if (typeof dir !== 'string') {
    return [`output_dir is not a string in ConfigMap '${name}' in namespace '${namespace}'`];
  }
  const clean = cleanPath(`${RESULTS_BASE}/${dir}`);
  return clean === RESULTS_BASE || !clean.startsWith(RESULTS_BASE) ? [`Invalid output_dir specified: '${dir}', must be a directory`] : [];
}

/** Go's filepath.Clean for an absolute path: no `.`, `..` or doubled slashes. */
function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** How Go's %T names a YAML scalar or collection. */
function goTypeName(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[interface {}]interface {}';
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
