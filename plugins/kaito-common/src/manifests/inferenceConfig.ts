import { parse } from 'yaml';

/** The key of the inference ConfigMap that holds Kaito's runtime settings. @public */
export const INFERENCE_CONFIG_KEY = 'inference_config.yaml';

/**
 * The `max-model-len` a workspace's inference config sets under `vllm:`, when it sets a
 * positive whole number; Kaito v0.12 sizes the KV cache for it (`ParseExplicitMaxModelLen`),
 * and for 2048 tokens otherwise.
 *
 * @public
 */
export function explicitMaxModelLen(inferenceConfigYaml: string | undefined): number | undefined {
  if (!inferenceConfigYaml) {
    return undefined;
  }
  let config: unknown;
  try {
    config = parse(inferenceConfigYaml);
  } catch {
    return undefined;
  }
  const value = (config as { vllm?: Record<string, unknown> } | null)?.vllm?.['max-model-len'];
  const tokens = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof tokens === 'number' && Number.isInteger(tokens) && tokens > 0 ? tokens : undefined;
}
