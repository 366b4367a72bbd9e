/** A JSON schema as OpenAPI 3.0 documents carry it, with the Kubernetes `x-kubernetes-*` extensions. @internal */
export type OpenApiSchema = Record<string, any>;

/** A reference to a component schema. @internal */
export function schemaRef(name: string): OpenApiSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** The component name a `$ref` points at, if it points into `components.schemas`. @internal */
export function refName(schema: OpenApiSchema | undefined): string | undefined {
  const ref = schema?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
}
