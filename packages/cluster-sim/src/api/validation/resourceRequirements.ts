import { StatusCause } from '../../errors';
import { compareQuantities, formatQuantity, parseQuantity, Quantity } from './quantity';

/**
 * ValidateResourceRequirements of the core API for a container's requests and limits: no
 * negative amounts, requests no greater than limits, and extended resources (such as
 * `nvidia.com/gpu`), which cannot be overcommitted, with whole amounts and requests equal to limits.
 */

const NATIVE_UNPREFIXED = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);

function isExtendedResource(name: string): boolean {
  if (NATIVE_UNPREFIXED.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.')) return false;
  return name.includes('/') && !name.startsWith('kubernetes.io/');
}

function quantityOf(value: unknown): Quantity | undefined {
  try {
    return parseQuantity(String(value));
  } catch {
    return undefined;
  }
}

/** Every problem with one container's resources, with the real server's fields and messages. @internal */
export function validateResourceRequirements(resources: any, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!resources || typeof resources !== 'object') return causes;
  const limits: Record<string, unknown> = resources.limits ?? {};
  const requests: Record<string, unknown> = resources.requests ?? {};
  const invalid = (field: string, value: Quantity, message: string) =>
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${formatQuantity(value)}": ${message}`, field });
  const check = (list: Record<string, unknown>, listPath: string) => {
    for (const [name, value] of Object.entries(list)) {
      const quantity = quantityOf(value);
      if (!quantity) continue;
      const field = `${listPath}[${name}]`;
      if (quantity.negative) invalid(field, quantity, 'must be greater than or equal to 0');
      else if (isExtendedResource(name) && quantity.nanos % 1_000_000_000n !== 0n) invalid(field, quantity, 'must be an integer');
    }
  };
  check(limits, `${path}.limits`);
  check(requests, `${path}.requests`);
  for (const [name, value] of Object.entries(requests)) {
    const request = quantityOf(value);
    if (!request) continue;
    const limit = limits[name] === undefined ? undefined : quantityOf(limits[name]);
    const field = `${path}.requests[${name}]`;
    if (isExtendedResource(name)) {
      if (!limit) {
        causes.push({ reason: 'FieldValueRequired', message: 'Required value: Limit must be set for non overcommitable resources', field: `${path}.limits` });
      } else if (compareQuantities(request, limit) !== 0) {
        invalid(field, request, `must be equal to ${name} limit of ${formatQuantity(limit)}`);
      }
    } else if (limit && compareQuantities(request, limit) > 0) {
      invalid(field, request, `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`);
    }
  }
  return causes;
}
