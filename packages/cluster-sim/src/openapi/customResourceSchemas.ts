/**
 * OpenAPI v3 component schemas of custom resources, from their CRD's `openAPIV3Schema`, named as the
 * API server names them: the group reversed, then version and kind (`kaito.sh` `v1beta1` `Workspace`
 * → `sh.kaito.v1beta1.Workspace`).
 */
import { ResourceType } from '../registry/ResourceType';
import { OBJECT_META_SCHEMA } from './builtinSchemas';
import { OpenApiSchema, schemaRef } from './openApiTypes';

/** `sh.kaito.v1beta1.Workspace` for kind Workspace of kaito.sh/v1beta1. @internal */
export function customResourceSchemaName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

/**
 * The component schema of one served version of a custom resource: the CRD's schema with
 * `apiVersion`, `kind` and `metadata` (ObjectMeta) declared, and the group-version-kind extension
 * clients look kinds up by.
 * @internal
 */
export function customResourceSchema(type: ResourceType, version: string): OpenApiSchema {
  const declared = structuredClone((type.crd?.schemas[version] ?? {}) as OpenApiSchema);
  const preserveAll = type.crd?.preserveUnknownFields === true || !type.crd?.schemas[version];
  const schema: OpenApiSchema = { type: 'object', ...declared };
  schema.properties = {
    ...(declared.properties ?? {}),
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: schemaRef(OBJECT_META_SCHEMA),
  };
  if (preserveAll) schema['x-kubernetes-preserve-unknown-fields'] = true;
  schema['x-kubernetes-group-version-kind'] = [{ group: type.group, version, kind: type.kind }];
  return schema;
}
