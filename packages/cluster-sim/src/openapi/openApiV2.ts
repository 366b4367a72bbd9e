/**
 * `/openapi/v2`: the same schemas as the v3 documents, as one Swagger 2.0 document. kubectl falls
 * back to it for client-side validation where v3 does not apply (a `kind: List` file, as
 * `kubectl get -o yaml` writes) and asks for it in the gnostic protobuf encoding
 * (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`); other clients get JSON.
 *
 * The message subset below follows gnostic-models `openapiv2/OpenAPIv2.proto` (field names and
 * numbers); Swagger 2.0 has no `anyOf`/`oneOf`/`not`/`nullable`, which are left out as the API
 * server leaves them out of v2.
 */
import { parse, Root, Type } from 'protobufjs';
import { stringify } from 'yaml';
import { ResourceType } from '../registry/ResourceType';
import { kindSchemas } from './groupVersionDocument';
import { OpenApiSchema } from './openApiTypes';

const GNOSTIC_V2 = `
syntax = "proto3";
package openapi.v2;

message Any { string yaml = 2; }
message NamedAny { string name = 1; Any value = 2; }
message Info { string title = 1; string version = 2; }
message Paths { repeated NamedAny vendor_extension = 1; }
message NamedSchema { string name = 1; Schema value = 2; }
message Definitions { repeated NamedSchema additional_properties = 1; }
message Properties { repeated NamedSchema additional_properties = 1; }
message TypeItem { repeated string value = 1; }
message ItemsItem { repeated Schema schema = 1; }
message AdditionalPropertiesItem {
  oneof oneof {
    Schema schema = 1;
    bool boolean = 2;
  }
}
message Schema {
  string _ref = 1;
  string format = 2;
  string title = 3;
  string description = 4;
  Any default = 5;
  double multiple_of = 6;
  double maximum = 7;
  bool exclusive_maximum = 8;
  double minimum = 9;
  bool exclusive_minimum = 10;
  int64 max_length = 11;
  int64 min_length = 12;
  string pattern = 13;
  int64 max_items = 14;
  int64 min_items = 15;
  bool unique_items = 16;
  int64 max_properties = 17;
  int64 min_properties = 18;
  repeated string required = 19;
  repeated Any enum = 20;
  AdditionalPropertiesItem additional_properties = 21;
  TypeItem type = 22;
  ItemsItem items = 23;
  repeated Schema all_of = 24;
  Properties properties = 25;
  repeated NamedAny vendor_extension = 31;
}
message Document {
  string swagger = 1;
  Info info = 2;
  Paths paths = 8;
  Definitions definitions = 9;
}
`;

/** The media types kubectl asks `/openapi/v2` for (`@` is not valid in a Content-Type, so answers use the second). @internal */
export const OPENAPI_V2_PROTOBUF_ACCEPTED = ['application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'];
/** @internal */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

let documentType: Type | undefined;

function gnosticDocumentType(): Type {
  if (!documentType) {
    const root = new Root();
    parse(GNOSTIC_V2, root, { keepCase: true });
    root.resolveAll();
    documentType = root.lookupType('openapi.v2.Document');
  }
  return documentType;
}

/** A Swagger 2.0 document. @internal */
export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string };
  paths: Record<string, unknown>;
  definitions: Record<string, OpenApiSchema>;
}

/** Rewrites v3 `#/components/schemas/` references to v2's `#/definitions/`, dropping what v2 cannot say. */
function toV2Schema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toV2Schema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (['anyOf', 'oneOf', 'not', 'nullable'].includes(key)) continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/components/schemas/', '#/definitions/');
    else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, toV2Schema(child)]));
    } else if (key === 'default' || key === 'enum' || key === 'example' || key.startsWith('x-')) out[key] = value;
    else out[key] = toV2Schema(value);
  }
  return out;
}

/** The Swagger 2.0 document of every served kind (definitions only: kubectl's validation reads those). @internal */
export function swaggerDocument(types: ResourceType[], serverVersion: string): SwaggerDocument {
  const definitions: Record<string, OpenApiSchema> = {};
  for (const type of types) {
    for (const version of type.versions) {
      const kind = kindSchemas(type, version);
      if (!kind) continue;
      for (const [name, schema] of Object.entries(kind.pool)) definitions[name] ??= toV2Schema(schema) as OpenApiSchema;
      definitions[kind.name] = toV2Schema(kind.pool[kind.name]) as OpenApiSchema;
    }
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
  return { swagger: '2.0', info: { title: 'Kubernetes', version: serverVersion }, paths: {}, definitions: sorted };
}

const anyOf = (value: unknown) => ({ yaml: stringify(value) });

/** One schema as a gnostic `Schema` message object. */
function gnosticSchema(schema: OpenApiSchema): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  const vendorExtensions: Array<{ name: string; value: { yaml: string } }> = [];
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case '$ref':
        message._ref = value;
        break;
      case 'type':
        message.type = { value: [value].flat() };
        break;
      case 'items':
        message.items = { schema: [value].flat().map(item => gnosticSchema(item as OpenApiSchema)) };
        break;
      case 'properties':
        message.properties = {
          additional_properties: Object.entries(value as Record<string, OpenApiSchema>).map(([name, child]) => ({ name, value: gnosticSchema(child) })),
        };
        break;
      case 'additionalProperties':
        message.additional_properties = typeof value === 'boolean' ? { boolean: value } : { schema: gnosticSchema(value) };
        break;
      case 'allOf':
        message.all_of = (value as OpenApiSchema[]).map(gnosticSchema);
        break;
      case 'default':
        message.default = anyOf(value);
        break;
      case 'enum':
        message.enum = (value as unknown[]).map(anyOf);
        break;
      case 'required':
      case 'format':
      case 'title':
      case 'description':
      case 'pattern':
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'multipleOf':
      case 'maxLength':
      case 'minLength':
      case 'maxItems':
      case 'minItems':
      case 'uniqueItems':
      case 'maxProperties':
      case 'minProperties':
        message[key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)] = value;
        break;
      default:
        if (key.startsWith('x-')) vendorExtensions.push({ name: key, value: anyOf(value) });
    }
  }
  if (vendorExtensions.length) message.vendor_extension = vendorExtensions;
  return message;
}

/** The document in gnostic's protobuf encoding, as kubectl asks for it. @internal */
export function encodeSwaggerProtobuf(document: SwaggerDocument): Buffer {
  const type = gnosticDocumentType();
  const message = type.fromObject({
    swagger: document.swagger,
    info: document.info,
    paths: {},
    definitions: {
      additional_properties: Object.entries(document.definitions).map(([name, schema]) => ({ name, value: gnosticSchema(schema) })),
    },
  });
  return Buffer.from(type.encode(message).finish());
}

/** Decodes a gnostic document back to plain objects (for tests). @internal */
export function decodeSwaggerProtobuf(bytes: Uint8Array): Record<string, any> {
  const type = gnosticDocumentType();
  return type.toObject(type.decode(bytes), { longs: Number, defaults: false, arrays: false, oneofs: false }) as Record<string, any>;
}
