import { z } from 'zod';
import { ModelPreset } from '../presets/modelPreset';
import { diskForWeightsGiB } from '../presets/presets';
import { servedModelName } from '../presets/servedModelName';

/** Token limit Kaito assumes when a model's config gives none (`DefaultModelTokenLimit`). */
const DEFAULT_MODEL_TOKEN_LIMIT = 2048;
import { formatIssuePath, Issue } from '../schema/issue';

/** The shape of one `kaito.catalog.customPresets` entry. @public */
export const customPresetSchema = z.object({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'name must be lower-case letters, digits, "-" or "."'),
  aliases: z.array(z.string()).default([]),
  hfRepo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'hfRepo must be a Hugging Face id such as org/model'),
  weightsGiB: z.number().positive('weightsGiB must be positive'),
  gpuCountRequirement: z.number().int().min(1).default(1),
  diskGiB: z.number().int().positive('diskGiB must be positive').optional(),
  contextLength: z.number().int().positive().default(DEFAULT_MODEL_TOKEN_LIMIT),
  tuning: z.boolean().default(false),
  runtimes: z.array(z.enum(['vllm', 'transformers'])).min(1).default(['vllm']),
  vllmLoraSupport: z.boolean().default(true),
  requiresAuth: z.boolean().default(false),
  architectures: z.array(z.string()).default([]),
  quantMethod: z.string().optional(),
  tuningMemoryGiB: z.number().positive().optional(),
  bytesPerToken: z.number().int().positive('bytesPerToken must be positive (2 × layers × KV heads × head dim × 2)'),
});

/**
 * Config shape of a custom preset: a Hugging Face model Kaito's catalog does not know, whose
 * weights are downloaded at run time; the disk defaults to floor(weights + 80) GiB.
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
      servedModelName: servedModelName(preset.hfRepo),
      diskGiB: preset.diskGiB ?? diskForWeightsGiB(preset.weightsGiB),
    })),
  };
}
