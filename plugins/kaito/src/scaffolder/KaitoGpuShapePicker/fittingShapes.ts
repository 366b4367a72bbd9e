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
  sku: SkuSummary;
  /** Warnings of the fit check (the type fits, but ...). */
  warnings: string[];
}

/** One instance type and what `POST /fit` said about it. @internal */
export interface SkuFitCheck {
  sku: SkuSummary;
  fit: FitResponseBody;
}

/**
 * The instance types the preset fits on, cheapest first (unpriced last,
 * then by name); retired SKUs are left out.
 *
 * @internal
 */
export function fittingShapes(checks: SkuFitCheck[]): GpuShapeOption[] {
  return checks
    .filter(({ sku, fit }) => fit.fits && !sku.retired)
    .map(({ sku, fit }) => ({
      instanceType: sku.name,
      nodeCount: fit.nodeCount,
      costPerHour: fit.costPerHour,
      currency: fit.currency ?? sku.currency,
      sku,
      warnings: fit.reasons,
    }))
    .sort(
      (a, b) =>
        (a.costPerHour ?? Infinity) - (b.costPerHour ?? Infinity) ||
        a.instanceType.localeCompare(b.instanceType),
    );
}

/** "2 of 8 GPUs left" for the owner's quota, or `undefined` without a GPU limit. @internal */
export function describeRemainingQuota(
  fit: FitResponseBody | undefined,
): string | undefined {
  const quota = fit?.quota;
  if (!quota || quota.maxGpus === undefined) {
    return undefined;
  }
  const left = Math.max(0, quota.maxGpus - quota.usedGpus);
  return `${quota.group}: ${left} of ${quota.maxGpus} GPUs left`;
}
