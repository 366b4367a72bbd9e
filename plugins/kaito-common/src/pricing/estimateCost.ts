import { PriceTable } from '../catalog/kaitoCatalog';

/**
 * Hourly price of one node of `instanceType`, or `undefined` when the table has none.
 * Lookup is case-insensitive, like SKU lookup.
 *
 * @public
 */
export function pricePerNodeHour(
  instanceType: string,
  prices: PriceTable | undefined,
): number | undefined {
  if (!prices) {
    return undefined;
  }
  const wanted = instanceType.toLowerCase();
  const key = Object.keys(prices.perHour).find(k => k.toLowerCase() === wanted);
  return key === undefined ? undefined : prices.perHour[key];
}

/**
 * A cost estimate.
 *
 * @public
 */
export interface CostEstimate {
  currency: string;
  perHour: number;
  /** perHour × 730, the average hours in a month. */
  perMonth: number;
}

/**
 * Estimates what `nodeCount` nodes of `instanceType` cost, or `undefined` without a price.
 *
 * @public
 */
export function estimateCost(
  instanceType: string,
  nodeCount: number,
  prices: PriceTable | undefined,
): CostEstimate | undefined {
  const price = pricePerNodeHour(instanceType, prices);
  if (price === undefined || !prices) {
    return undefined;
  }
  const perHour = roundCents(price * nodeCount);
  return { currency: prices.currency, perHour, perMonth: roundCents(perHour * 730) };
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
