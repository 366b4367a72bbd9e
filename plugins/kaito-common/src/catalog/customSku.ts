import { z } from 'zod';
import { GpuSku } from '../sku/gpuSku';
import { formatIssuePath, Issue } from '../schema/issue';

/** The shape of one `kaito.catalog.customSkus` entry. @public */
export const customSkuSchema = z.object({
  name: z.string().min(1, 'name is required'),
  cloud: z.enum(['azure', 'aws', 'arc', 'custom']).default('custom'),
  gpuCount: z.number().int().min(1, 'gpuCount must be at least 1'),
  perGpuMemoryGiB: z.number().positive('perGpuMemoryGiB must be positive'),
  gpuModel: z.string().min(1, 'gpuModel is required'),
  nvme: z.boolean().default(false),
  cudaComputeCapability: z.number().optional(),
  docsUrl: z.string().optional(),
});

/**
 * Config shape of a custom SKU: the GPU shape per node; total memory is derived.
 *
 * @public
 */
export type CustomSkuConfig = z.input<typeof customSkuSchema>;

/**
 * Turns custom SKU declarations from config into {@link GpuSku} rows, with every
 * problem reported by its index (`customSkus[2].gpuCount`).
 *
 * @public
 */
export function parseCustomSkus(
  input: unknown,
): { ok: true; skus: GpuSku[] } | { ok: false; issues: Issue[] } {
  const result = z.array(customSkuSchema).safeParse(input ?? []);
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map(issue => ({
        path: formatIssuePath(['customSkus', ...issue.path]),
        message: issue.message,
        severity: 'error',
      })),
    };
  }
  return {
    ok: true,
    skus: result.data.map(sku => ({
      ...sku,
      gpuMemoryGiB: sku.perGpuMemoryGiB * sku.gpuCount,
    })),
  };
}
