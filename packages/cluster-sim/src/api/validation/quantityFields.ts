import { visitFields } from './fieldWalker';
import { formatQuantity, parseQuantity, Quantity, roundQuantityUp } from './quantity';

/**
 * Where the built-in kinds hold quantities, and their decoding. Values of a `ResourceList`
 * (requests, limits, capacity…) are also rounded up to milli units, as the API server's
 * defaulting does; a lone `Quantity` (emptyDir.sizeLimit) keeps nano precision.
 */

function podSpecLists(prefix: string): string[] {
  const containers = ['containers', 'initContainers', 'ephemeralContainers'].flatMap(list => [
    `${prefix}.${list}[].resources.limits{}`,
    `${prefix}.${list}[].resources.requests{}`,
  ]);
  return [
    ...containers,
    `${prefix}.overhead{}`,
    `${prefix}.resources.limits{}`,
    `${prefix}.resources.requests{}`,
    `${prefix}.volumes[].ephemeral.volumeClaimTemplate.spec.resources.limits{}`,
    `${prefix}.volumes[].ephemeral.volumeClaimTemplate.spec.resources.requests{}`,
  ];
}

const POD_STATUS_LISTS = ['containerStatuses', 'initContainerStatuses'].flatMap(list => [
  `status.${list}[].allocatedResources{}`,
  `status.${list}[].resources.limits{}`,
  `status.${list}[].resources.requests{}`,
]);
const TEMPLATE_LISTS = podSpecLists('spec.template.spec');

/** `ResourceList` values by storage key. @internal */
export const RESOURCE_LIST_FIELDS: Record<string, string[]> = {
  pods: [...podSpecLists('spec'), ...POD_STATUS_LISTS],
  nodes: ['status.capacity{}', 'status.allocatable{}'],
  persistentvolumeclaims: ['spec.resources.limits{}', 'spec.resources.requests{}', 'status.capacity{}', 'status.allocatedResources{}'],
  'deployments.apps': TEMPLATE_LISTS,
  'replicasets.apps': TEMPLATE_LISTS,
  'statefulsets.apps': [
    ...TEMPLATE_LISTS,
    'spec.volumeClaimTemplates[].spec.resources.limits{}',
    'spec.volumeClaimTemplates[].spec.resources.requests{}',
  ],
  'jobs.batch': TEMPLATE_LISTS,
};

/** Lone `Quantity` fields by storage key. @internal */
export const QUANTITY_FIELDS: Record<string, string[]> = {
  pods: ['spec.volumes[].emptyDir.sizeLimit'],
  'deployments.apps': ['spec.template.spec.volumes[].emptyDir.sizeLimit'],
  'replicasets.apps': ['spec.template.spec.volumes[].emptyDir.sizeLimit'],
  'statefulsets.apps': ['spec.template.spec.volumes[].emptyDir.sizeLimit'],
  'jobs.batch': ['spec.template.spec.volumes[].emptyDir.sizeLimit'],
};

function decodeQuantity(value: unknown): Quantity | null {
  if (value === null) return null;
  if (typeof value !== 'string' && typeof value !== 'number') {
    const type = Array.isArray(value) ? 'array' : typeof value;
    throw new Error(`json: cannot unmarshal ${type} into Go value of type resource.Quantity`);
  }
  return parseQuantity(String(value));
}

/**
 * Parses every quantity of a built-in object as the API server decodes it and rewrites it in
 * canonical form; throws the apimachinery error for the first that does not parse.
 * @internal
 */
export function decodeQuantityFields(resource: string, object: unknown): void {
  for (const pattern of RESOURCE_LIST_FIELDS[resource] ?? []) {
    visitFields(object, pattern, (value, _path, set) => {
      const quantity = decodeQuantity(value);
      set(quantity === null ? '0' : formatQuantity(roundQuantityUp(quantity, -3)));
    });
  }
  for (const pattern of QUANTITY_FIELDS[resource] ?? []) {
    visitFields(object, pattern, (value, _path, set) => {
      const quantity = decodeQuantity(value);
      set(quantity === null ? null : formatQuantity(quantity));
    });
  }
}
