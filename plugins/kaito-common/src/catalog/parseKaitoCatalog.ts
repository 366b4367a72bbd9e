import { z } from 'zod';
import { formatIssuePath, Issue } from '../schema/issue';
import { parseCustomPresets } from './customPreset';
import { parseCustomSkus } from './customSku';
import { KaitoCatalog } from './kaitoCatalog';

const pricesSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as USD').default('USD'),
  perHour: z.record(z.string(), z.number().nonnegative('prices must not be negative')),
});

/**
 * Reads the `kaito.catalog` config block (`customSkus`, `customPresets`, `prices`) as
 * plain data, reporting every problem with its path.
 *
 * @public
 */
export function parseKaitoCatalog(
  input: unknown,
): { ok: true; catalog: KaitoCatalog } | { ok: false; issues: Issue[] } {
  const block = (input ?? {}) as Record<string, unknown>;
  const issues: Issue[] = [];
  const skus = parseCustomSkus(block.customSkus);
  const presets = parseCustomPresets(block.customPresets);
  const prices = block.prices === undefined ? undefined : pricesSchema.safeParse(block.prices);
  if (!skus.ok) issues.push(...skus.issues);
  if (!presets.ok) issues.push(...presets.issues);
  if (prices && !prices.success) {
    issues.push(
      ...prices.error.issues.map(issue => ({
        path: formatIssuePath(['prices', ...issue.path]),
        message: issue.message,
        severity: 'error' as const,
      })),
    );
  }
  if (issues.length || !skus.ok || !presets.ok) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    catalog: {
      customSkus: skus.skus,
      customPresets: presets.presets,
      ...(prices?.success ? { prices: prices.data } : {}),
    },
  };
}
