import { GpuSku } from './gpuSku';
import { GPU_SKUS } from './skuTable';

/**
 * Options for {@link lookupSku}.
 *
 * @public
 */
export interface LookupSkuOptions {
  /** SKUs declared in app config (cloud `custom`); consulted after the built-in table. */
  customSkus?: readonly GpuSku[];
}

/**
 * Finds the GPU shape of an instance type, case-insensitively. The built-in table wins
 * over custom SKUs of the same name, so config cannot silently redefine a known SKU.
 *
 * @returns the SKU, or `undefined` when neither the table nor the custom SKUs know it.
 * @public
 */
export function lookupSku(
  instanceType: string,
  options: LookupSkuOptions = {},
): GpuSku | undefined {
  const wanted = instanceType.trim().toLowerCase();
  if (!wanted) {
    return undefined;
  }
  const matches = (sku: GpuSku) => sku.name.toLowerCase() === wanted;
  return GPU_SKUS.find(matches) ?? options.customSkus?.find(matches);
}

/**
 * Names of the known SKUs, sorted, grouped by cloud; used in "unsupported instance type"
 * messages and UI pickers. Retired SKUs are left out unless asked for.
 *
 * @public
 */
export function listKnownSkuNames(
  options: { includeRetired?: boolean; customSkus?: readonly GpuSku[] } = {},
): Record<GpuSku['cloud'], string[]> {
  const groups: Record<GpuSku['cloud'], string[]> = {
    azure: [],
    arc: [],
    aws: [],
    custom: [],
  };
  for (const sku of [...GPU_SKUS, ...(options.customSkus ?? [])]) {
    if (sku.retired && !options.includeRetired) {
      continue;
    }
    groups[sku.cloud].push(sku.name);
  }
  for (const names of Object.values(groups)) {
    names.sort((a, b) => a.localeCompare(b, 'en'));
  }
  return groups;
}
