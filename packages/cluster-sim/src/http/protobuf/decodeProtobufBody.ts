/**
 * Request bodies in `application/vnd.kubernetes.protobuf`: the 4-byte magic `k8s\0`, then a
 * `runtime.Unknown` envelope whose `raw` holds the typed object. Decoded into the object's JSON form
 * (as the API server's JSON encoding of the same Go struct would read), so the rest of the
 * simulator never sees protobuf. Answers stay JSON, which every client that sends protobuf accepts.
 */
import { Field, Message, Reader, Type } from 'protobufjs';
import { ApiError, badRequest } from '../../errors';
import { KubeObject } from '../../types';
import { FIELDS_V1_MESSAGE, messageTypeOf, TIME_MESSAGE, unknownEnvelopeType } from './kubernetesProto';

/** The media type of Kubernetes protobuf bodies. @internal */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Number fields that are pointers in Go, so a zero that was sent is kept. */
const POINTER_NUMBERS = new Set(['deletionGracePeriodSeconds']);

/** Whether a Content-Type names the Kubernetes protobuf encoding. @internal */
export function isProtobufMediaType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}

/** 415 as the API server answers a body its decoder for that kind does not accept. */
function unsupportedProtobufKind(apiVersion: string, kind: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (${PROTOBUF_MEDIA_TYPE} is not served for ${kind} in ${apiVersion || 'an unnamed version'})`,
  );
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  return Number(String(value));
}

function timeToJson(message: Message): string | undefined {
  const seconds = toNumber((message as any).seconds ?? 0);
  // A zero Time is Go's zero value: its JSON form is null, i.e. not set.
  if (seconds === 0 && toNumber((message as any).nanos ?? 0) === 0) return undefined;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value && typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function valueToJson(field: Field, value: unknown): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) {
    if (resolved.fullName === `.${TIME_MESSAGE}`) return timeToJson(value as Message);
    if (resolved.fullName === `.${FIELDS_V1_MESSAGE}`) {
      const raw = (value as any).Raw as Uint8Array | undefined;
      return raw && raw.length ? JSON.parse(Buffer.from(raw).toString('utf8')) : undefined;
    }
    return messageToJson(resolved, value as Message);
  }
  if (field.type === 'bytes') return Buffer.from(value as Uint8Array).toString('base64');
  if (['int64', 'int32', 'uint32', 'uint64', 'sint64', 'sint32'].includes(field.type)) {
    const n = toNumber(value);
    return n === 0 && !POINTER_NUMBERS.has(field.name) ? undefined : n;
  }
  return value;
}

/**
 * A decoded message as JSON. Go marshals its non-pointer fields even when empty, so empty strings,
 * zero numbers, empty maps, lists and messages mean "not set" and are left out (`omitempty`).
 */
function messageToJson(type: Type, message: Message): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    if (!Object.prototype.hasOwnProperty.call(message, field.name)) continue;
    const value = (message as any)[field.name];
    if (value === null || value === undefined) continue;
    let converted: unknown;
    if (field.map) {
      converted = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => {
          const itemValue = field.type === 'bytes' ? Buffer.from(item as Uint8Array).toString('base64') : item;
          return [key, itemValue];
        }),
      );
    } else if (field.repeated) {
      converted = (value as unknown[]).map(item => valueToJson(field, item)).filter(item => item !== undefined);
    } else {
      converted = valueToJson(field, value);
    }
    if (!isEmpty(converted)) json[field.name] = converted;
  }
  return json;
}

/**
 * The first field number in `bytes` that `type` (or a message it nests) does not declare, as
 * `Message.field` path. Protobuf decoders skip such fields silently; here that would drop data
 * the simulator then never stores, so the body is refused instead.
 */
function firstUndeclaredField(type: Type, reader: Reader, end: number, path: string): string | undefined {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = type.fieldsById[tag >>> 3];
    if (!field) return `${path} field ${tag >>> 3}`;
    const nested = field.resolvedType;
    // Map entries hold scalars here (map<string, string|bytes>), so only plain message fields nest.
    if (!field.map && nested instanceof Type && (tag & 7) === 2) {
      const length = reader.uint32();
      const undeclared = firstUndeclaredField(nested, reader, reader.pos + length, `${path}.${field.name}`);
      if (undeclared) return undeclared;
    } else {
      reader.skipType(tag & 7);
    }
  }
  return undefined;
}

/**
 * Decodes a protobuf request body into the object's JSON form: 400 for bytes that are not a
 * Kubernetes protobuf message, 415 for a kind whose protobuf form the simulator does not know
 * (never a wrong guess at its fields).
 * @internal
 */
export function decodeProtobufBody(raw: Buffer): KubeObject {
  if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw badRequest(
      `the body of the request could not be decoded: provided data does not appear to be a protobuf message, expected prefix [${[...MAGIC].join(' ')}]`,
    );
  }
  let envelope: any;
  try {
    envelope = unknownEnvelopeType().decode(raw.subarray(MAGIC.length));
  } catch (error) {
    throw badRequest(`the body of the request could not be decoded: ${(error as Error).message}`);
  }
  const apiVersion = String(envelope.typeMeta?.apiVersion ?? '');
  const kind = String(envelope.typeMeta?.kind ?? '');
  if (envelope.contentEncoding) {
    throw badRequest(`the body of the request could not be decoded: content encoding ${envelope.contentEncoding} is not supported`);
  }
  const type = messageTypeOf(apiVersion, kind);
  if (!type) throw unsupportedProtobufKind(apiVersion, kind);
  const object: Uint8Array = envelope.raw ?? new Uint8Array();
  let message: Message;
  try {
    message = type.decode(object);
  } catch (error) {
    throw badRequest(`${kind} in version "${apiVersion}" cannot be handled as a ${kind}: ${(error as Error).message}`);
  }
  const undeclared = firstUndeclaredField(type, Reader.create(object), object.length, kind);
  if (undeclared) {
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (the ${PROTOBUF_MEDIA_TYPE} body has ${undeclared}, which the simulator does not know)`);
  }
  return { apiVersion, kind, ...messageToJson(type, message) } as KubeObject;
}
