import type {
  FitResponseBody,
  SkuSummary,
} from '@kaito-backstage/plugin-kaito-common';

/** An instance type the preset fits, as the picker lists it. @internal */
export interface GpuShapeOption {
  instanceType: string;
  nodeCount: number;
  costPerHour?: number;
  currency?: string;
  /** From `GET /skus`, when the cluster's cloud lists the type. */
  sku?: SkuSummary;
}

/**
 * The instance types the fit check recommends, joined with their SKU rows,
 * cheapest first (unpriced last); retired SKUs are left out.
 *
 * @internal
 */
export function fittingShapes(
  fit: FitResponseBody,
  skus: SkuSummary[],
): GpuShapeOption[] {
  const byName = new Map(skus.map(sku => [sku.name, sku]));
  return fit.recommendations
    .map(recommendation => {
      const sku = byName.get(recommendation.instanceType);
      return {
        instanceType: recommendation.instanceType,
        nodeCount: recommendation.nodeCount,
        costPerHour: recommendation.costPerHour,
        currency: sku?.currency ?? fit.currency,
        sku,
      };
    })
    .filter(option => !option.sku?.retired)
    .sort((a, b) => (a.costPerHour ?? Infinity) - (b.costPerHour ?? Infinity));
}

/** "2 of 8 GPUs left" for the owner's quota, or `undefined` without a GPU limit. @internal */
export function describeRemainingQuota(
  fit: FitResponseBody,
): string | undefined {
  const quota = fit.quota;
  if (!quota || quota.maxGpus === undefined) {
    return undefined;
  }
  const left = Math.max(0, quota.maxGpus - quota.usedGpus);
  return `${quota.group}: ${left} of ${quota.maxGpus} GPUs left`;
}
