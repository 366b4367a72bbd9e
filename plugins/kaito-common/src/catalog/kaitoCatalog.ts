import { ModelPreset } from '../presets/modelPreset';
import { GpuSku } from '../sku/gpuSku';

/**
 * The extensible parts of the catalog, as read from app config by the backend
 * (`kaito.catalog.*`) and passed to validation, sizing and pricing.
 *
 * @public
 */
export interface KaitoCatalog {
  /** GPU SKUs beyond Kaito's tables (on-prem shapes, new cloud sizes). */
  customSkus?: readonly GpuSku[];
  /** Presets beyond (or overriding) the built-in catalog. */
  customPresets?: readonly ModelPreset[];
  /** Price of one node per hour, by instance type (case-insensitive). */
  prices?: PriceTable;
}

/**
 * Hourly price per node, keyed by instance type.
 *
 * @public
 */
export interface PriceTable {
  /** ISO 4217 currency code, e.g. `USD`. */
  currency: string;
  /** Price of one node for one hour, by instance type. */
  perHour: Readonly<Record<string, number>>;
}
