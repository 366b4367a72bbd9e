import { JsonObject, JsonValue } from '@backstage/types';

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `overrides` laid over `base`: objects merge key by key, anything else
 * (arrays included, e.g. `kaito.clusters`) is replaced whole, as a later
 * app-config file replaces an earlier one's arrays.
 */
export function mergeConfig(base: JsonObject, overrides: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? mergeConfig(current, value) : value;
  }
  return merged;
}
