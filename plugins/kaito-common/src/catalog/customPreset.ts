import { z } from 'zod';
import { ModelPreset } from '../presets/modelPreset';
import { formatIssuePath, Issue } from '../schema/issue';

const customPresetSchema = z.object({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'name must be lower-case letters, digits, "-" or "."'),
  aliases: z.array(z.string()).default([]),
  hfRepo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'hfRepo must be a Hugging Face id such as org/model'),
  weightsGiB: z.number().positive('weightsGiB must be positive'),
  gpuCountRequirement: z.number().int().min(1).default(1),
  diskGiB: z.number().int().positive('diskGiB must be positive'),
  contextLength: z.number().int().positive().optional(),
  distributed: z.boolean().default(false),
  tuning: z.boolean().default(false),
  runtimes: z.array(z.enum(['vllm', 'transformers'])).min(1).default(['vllm']),
  vllmLoraSupport: z.boolean().default(true),
  downloadAtRuntime: z.boolean().default(true),
  requiresAuth: z.boolean().default(false),
  imageTag: z.string().default('0.0.1'),
  tuningMemoryGiB: z.number().positive().optional(),
  bytesPerToken: z.number().int().positive('bytesPerToken must be positive (2 × layers × KV heads × head dim × 2)'),
});

/**
 * Config shape of a custom preset; defaults suit a Hugging Face model downloaded at run time.
 *
 * @public
 */
export type CustomPresetConfig = z.input<typeof customPresetSchema>;

/**
 * Turns custom preset declarations from config into {@link ModelPreset} rows.
 *
 * @public
 */
export function parseCustomPresets(
  input: unknown,
): { ok: true; presets: ModelPreset[] } | { ok: false; issues: Issue[] } {
  const result = z.array(customPresetSchema).safeParse(input ?? []);
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map(issue => ({
        path: formatIssuePath(['customPresets', ...issue.path]),
        message: issue.message,
        severity: 'error',
      })),
    };
  }
  return {
    ok: true,
    presets: result.data.map(preset => ({
      ...preset,
      aliases: [preset.hfRepo, ...preset.aliases],
      imageName: `kaito-${preset.name}`,
    })),
  };
}
