/**
 * The OpenAPI v3 document of one group version, as `/openapi/v3/apis/{group}/{version}` serves it:
 * the paths of each resource with their operations (each tagged with `x-kubernetes-action` and
 * `x-kubernetes-group-version-kind`, the write operations listing the `fieldValidation` query
 * parameter, which is how kubectl learns the server validates fields), and the component schemas
 * those refer to.
 */
import { apiVersionOf, ResourceType } from '../registry/ResourceType';
import { builtinComponents, builtinKindSchemaName, ensureMetaSchemas, LIST_META_SCHEMA, STATUS_SCHEMA } from './builtinSchemas';
import { customResourceSchema, customResourceSchemaName } from './customResourceSchemas';
import { OpenApiSchema, refName, schemaRef } from './openApiTypes';

/** An OpenAPI 3.0 document. @internal */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

const queryParameter = (name: string, description: string, schema: OpenApiSchema = { type: 'string' }) => ({
  name,
  in: 'query',
  description,
  schema,
  uniqueItems: true,
});

const PRETTY = queryParameter('pretty', "If 'true', then the output is pretty printed.");
const DRY_RUN = queryParameter('dryRun', 'When present, indicates that modifications should not be persisted. Valid value: All');
const FIELD_MANAGER = queryParameter('fieldManager', 'The name of the actor or entity that is making these changes.');
const FIELD_VALIDATION = queryParameter(
  'fieldValidation',
  'How the server handles fields of the request it does not know or that are duplicated: Ignore, Warn (the default) or Strict.',
);
const FORCE = queryParameter('force', 'Force is going to "force" Apply requests.', { type: 'boolean' });
const WRITE_PARAMETERS = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];

const pathParameter = (name: string, description: string) => ({ name, in: 'path', description, required: true, schema: { type: 'string' }, uniqueItems: true });

/**
 * The patch types a kind accepts. kubectl computes a strategic merge patch only for kinds whose PATCH
 * lists that type, else a JSON merge patch (custom resources and CRDs take no strategic merge patch).
 */
function patchBody(type: ResourceType) {
  const types = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];
  if (type.strategicMerge) types.push('application/strategic-merge-patch+json');
  return { content: Object.fromEntries(types.map(t => [t, { schema: { type: 'object' } }])), required: true };
}

function jsonBody(schemaName: string, contentTypes = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']) {
  return { content: Object.fromEntries(contentTypes.map(type => [type, { schema: schemaRef(schemaName) }])), required: true };
}

const RESPONSE_DESCRIPTIONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

function responses(codes: number[], schemaName: string) {
  return Object.fromEntries(
    codes.map(code => [String(code), { description: RESPONSE_DESCRIPTIONS[code], content: { 'application/json': { schema: schemaRef(schemaName) } } }]),
  );
}

interface KindSchemas {
  kind: string;
  list: string;
}

function operation(action: string, id: string, type: ResourceType, version: string, extra: Record<string, unknown>) {
  return {
    operationId: id,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: type.group, version, kind: type.kind },
    ...extra,
  };
}

/** Adds the paths of one resource (collection, item, status, all-namespaces list). */
function addResourcePaths(paths: OpenApiDocument['paths'], type: ResourceType, version: string, schemas: KindSchemas): void {
  const prefix = type.group ? `/apis/${type.group}/${version}` : `/api/${version}`;
  const idKind = `${type.kind}`;
  const scoped = type.namespaced ? 'Namespaced' : '';
  const collection = type.namespaced ? `${prefix}/namespaces/{namespace}/${type.plural}` : `${prefix}/${type.plural}`;
  const item = `${collection}/{name}`;
  const scopeParameters = type.namespaced ? [pathParameter('namespace', 'object name and auth scope, such as for teams and projects')] : [];
  const nameParameter = pathParameter('name', `name of the ${type.kind}`);

  paths[collection] = {
    get: operation('list', `list${scoped}${idKind}`, type, version, { responses: responses([200], schemas.list) }),
    post: operation('post', `create${scoped}${idKind}`, type, version, {
      parameters: WRITE_PARAMETERS,
      requestBody: jsonBody(schemas.kind),
      responses: responses([200, 201, 202], schemas.kind),
    }),
    delete: operation('deletecollection', `deleteCollection${scoped}${idKind}`, type, version, { responses: responses([200], STATUS_SCHEMA) }),
    parameters: [...scopeParameters, PRETTY],
  };
  paths[item] = {
    get: operation('get', `read${scoped}${idKind}`, type, version, { responses: responses([200], schemas.kind) }),
    put: operation('put', `replace${scoped}${idKind}`, type, version, {
      parameters: WRITE_PARAMETERS,
      requestBody: jsonBody(schemas.kind),
      responses: responses([200, 201], schemas.kind),
    }),
    patch: operation('patch', `patch${scoped}${idKind}`, type, version, {
      parameters: [...WRITE_PARAMETERS, FORCE],
      requestBody: patchBody(type),
      responses: responses([200, 201], schemas.kind),
    }),
    delete: operation('delete', `delete${scoped}${idKind}`, type, version, { responses: responses([200, 202], STATUS_SCHEMA) }),
    parameters: [nameParameter, ...scopeParameters, PRETTY],
  };
  if (type.subresources.includes('status')) {
    paths[`${item}/status`] = {
      get: operation('get', `read${scoped}${idKind}Status`, type, version, { responses: responses([200], schemas.kind) }),
      put: operation('put', `replace${scoped}${idKind}Status`, type, version, { parameters: WRITE_PARAMETERS, requestBody: jsonBody(schemas.kind), responses: responses([200, 201], schemas.kind) }),
      patch: operation('patch', `patch${scoped}${idKind}Status`, type, version, {
        parameters: [...WRITE_PARAMETERS, FORCE],
        requestBody: patchBody(type),
        responses: responses([200, 201], schemas.kind),
      }),
      parameters: [nameParameter, ...scopeParameters, PRETTY],
    };
  }
  if (type.namespaced) {
    paths[`${prefix}/${type.plural}`] = {
      get: operation('list', `list${idKind}ForAllNamespaces`, type, version, { responses: responses([200], schemas.list) }),
      parameters: [PRETTY],
    };
  }
}

function listSchema(type: ResourceType, version: string, itemSchema: string): OpenApiSchema {
  return {
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { type: 'string' },
      items: { type: 'array', items: schemaRef(itemSchema) },
      kind: { type: 'string' },
      metadata: schemaRef(LIST_META_SCHEMA),
    },
    'x-kubernetes-group-version-kind': [{ group: type.group, version, kind: type.listKind }],
  };
}

/** Copies into `target` the schemas `name` reaches through `$ref`s. */
function collectReachable(name: string, pool: Record<string, OpenApiSchema>, target: Record<string, OpenApiSchema>): void {
  if (target[name] || !pool[name]) return;
  target[name] = pool[name];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const ref = refName(value as OpenApiSchema);
      if (ref) collectReachable(ref, pool, target);
      Object.values(value).forEach(visit);
    }
  };
  visit(pool[name]);
}

const customSchemaCache = new WeakMap<ResourceType, Map<string, { name: string; pool: Record<string, OpenApiSchema> }>>();

/**
 * The component schema name of a kind in a version, for the documents and for field validation;
 * with the schemas it can reach (built-in ones shared, custom ones built from the CRD).
 * @internal
 */
export function kindSchemas(type: ResourceType, version: string): { name: string; pool: Record<string, OpenApiSchema> } | undefined {
  ensureMetaSchemas();
  if (type.crd) {
    // A CRD's resource type is replaced whenever the CRD changes, so it can key the cache.
    const byVersion = customSchemaCache.get(type) ?? new Map();
    customSchemaCache.set(type, byVersion);
    if (!byVersion.has(version)) {
      const name = customResourceSchemaName(type.group, version, type.kind);
      byVersion.set(version, { name, pool: { ...builtinComponents(), [name]: customResourceSchema(type, version) } });
    }
    return byVersion.get(version);
  }
  const name = builtinKindSchemaName(type, version);
  return name ? { name, pool: builtinComponents() } : undefined;
}

/** Builds the document of `group/version` from the resources served in it. @internal */
export function groupVersionDocument(types: ResourceType[], group: string, version: string, serverVersion: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const schemas: Record<string, OpenApiSchema> = {};
  for (const type of types.filter(t => t.group === group && t.versions.includes(version))) {
    const kind = kindSchemas(type, version);
    if (!kind) continue;
    const pool = { ...kind.pool };
    const list = `${kind.name}List`;
    pool[list] = listSchema(type, version, kind.name);
    collectReachable(kind.name, pool, schemas);
    collectReachable(list, pool, schemas);
    collectReachable(STATUS_SCHEMA, pool, schemas);
    addResourcePaths(paths, type, version, { kind: kind.name, list });
  }
  const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    paths,
    components: { schemas: sortedSchemas },
  };
}

/** `api/v1` or `apis/{group}/{version}`: a group version's key in the `/openapi/v3` index. @internal */
export function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${apiVersionOf(group, version)}` : `api/${version}`;
}
