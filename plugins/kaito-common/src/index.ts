/**
 * Kaito domain library: Workspace API types, presets, GPU SKUs, validation,
 * node sizing and manifest rendering.
 *
 * @packageDocumentation
 */

export type { GpuSku } from './sku/gpuSku';
export { GPU_SKUS } from './sku/skuTable';
export { lookupSku, listKnownSkuNames } from './sku/lookupSku';
export type { LookupSkuOptions } from './sku/lookupSku';
