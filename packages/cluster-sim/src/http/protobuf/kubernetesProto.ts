/**
 * The protobuf messages of the built-in kinds that kubectl's typed commands send, as `.proto` text.
 *
 * Field names and numbers follow k8s.io/apimachinery `runtime/generated.proto`,
 * `apis/meta/v1/generated.proto` and k8s.io/api `core/v1/generated.proto` (Kubernetes 1.32); only
 * the messages these kinds reach are declared. The wire numbers are what matters: a wrong one decodes
 * kubectl's bytes into the wrong field, which the fixture tests catch.
 */
import { parse, Root, Type } from 'protobufjs';

const RUNTIME = `
syntax = "proto2";
package k8s.io.apimachinery.pkg.runtime;

message TypeMeta {
  optional string apiVersion = 1;
  optional string kind = 2;
}

message Unknown {
  optional TypeMeta typeMeta = 1;
  optional bytes raw = 2;
  optional string contentEncoding = 3;
  optional string contentType = 4;
}
`;

const META = `
syntax = "proto2";
package k8s.io.apimachinery.pkg.apis.meta.v1;

message Time {
  optional int64 seconds = 1;
  optional int32 nanos = 2;
}

message FieldsV1 {
  optional bytes Raw = 1;
}

message ManagedFieldsEntry {
  optional string manager = 1;
  optional string operation = 2;
  optional string apiVersion = 3;
  optional Time time = 4;
  optional string fieldsType = 6;
  optional FieldsV1 fieldsV1 = 7;
  optional string subresource = 8;
}

message OwnerReference {
  optional string kind = 1;
  optional string name = 3;
  optional string uid = 4;
  optional string apiVersion = 5;
  optional bool controller = 6;
  optional bool blockOwnerDeletion = 7;
}

message ObjectMeta {
  optional string name = 1;
  optional string generateName = 2;
  optional string namespace = 3;
  optional string selfLink = 4;
  optional string uid = 5;
  optional string resourceVersion = 6;
  optional int64 generation = 7;
  optional Time creationTimestamp = 8;
  optional Time deletionTimestamp = 9;
  optional int64 deletionGracePeriodSeconds = 10;
  map<string, string> labels = 11;
  map<string, string> annotations = 12;
  repeated OwnerReference ownerReferences = 13;
  repeated string finalizers = 14;
  repeated ManagedFieldsEntry managedFields = 17;
}
`;

const CORE_V1 = `
syntax = "proto2";
package k8s.io.api.core.v1;

message LocalObjectReference {
  optional string name = 1;
}

message ObjectReference {
  optional string kind = 1;
  optional string namespace = 2;
  optional string name = 3;
  optional string uid = 4;
  optional string apiVersion = 5;
  optional string resourceVersion = 6;
  optional string fieldPath = 7;
}

message NamespaceSpec {
  repeated string finalizers = 1;
}

message NamespaceCondition {
  optional string type = 1;
  optional string status = 2;
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message NamespaceStatus {
  optional string phase = 1;
  repeated NamespaceCondition conditions = 2;
}

message Namespace {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional NamespaceSpec spec = 2;
  optional NamespaceStatus status = 3;
}

message ConfigMap {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  map<string, string> data = 2;
  map<string, bytes> binaryData = 3;
  optional bool immutable = 4;
}

message Secret {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  map<string, bytes> data = 2;
  optional string type = 3;
  map<string, string> stringData = 4;
  optional bool immutable = 5;
}

message ServiceAccount {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  repeated ObjectReference secrets = 2;
  repeated LocalObjectReference imagePullSecrets = 3;
  optional bool automountServiceAccountToken = 4;
}
`;

// authentication.k8s.io/v1 TokenRequest, which `kubectl create token` sends (field numbers checked
// against kubectl 1.32's bytes: audiences 1, boundObjectRef 3, expirationSeconds 4).
const AUTHENTICATION_V1 = `
syntax = "proto2";
package k8s.io.api.authentication.v1;

message BoundObjectReference {
  optional string kind = 1;
  optional string apiVersion = 2;
  optional string name = 3;
  optional string uid = 4;
}

message TokenRequestSpec {
  repeated string audiences = 1;
  optional BoundObjectReference boundObjectRef = 3;
  optional int64 expirationSeconds = 4;
}

message TokenRequestStatus {
  optional string token = 1;
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time expirationTimestamp = 2;
}

message TokenRequest {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional TokenRequestSpec spec = 2;
  optional TokenRequestStatus status = 3;
}

message UserInfo {
  optional string username = 1;
  optional string uid = 2;
  repeated string groups = 3;
}

message SelfSubjectReviewStatus {
  optional UserInfo userInfo = 1;
}

message SelfSubjectReview {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional SelfSubjectReviewStatus status = 2;
}
`;

// authorization.k8s.io/v1 self reviews, which `kubectl auth can-i` sends (field numbers checked
// against kubectl 1.32's bytes).
const AUTHORIZATION_V1 = `
syntax = "proto2";
package k8s.io.api.authorization.v1;

message ResourceAttributes {
  optional string namespace = 1;
  optional string verb = 2;
  optional string group = 3;
  optional string version = 4;
  optional string resource = 5;
  optional string subresource = 6;
  optional string name = 7;
}

message NonResourceAttributes {
  optional string path = 1;
  optional string verb = 2;
}

message SelfSubjectAccessReviewSpec {
  optional ResourceAttributes resourceAttributes = 1;
  optional NonResourceAttributes nonResourceAttributes = 2;
}

message SubjectAccessReviewStatus {
  optional bool allowed = 1;
  optional string reason = 2;
  optional string evaluationError = 3;
  optional bool denied = 4;
}

message SelfSubjectAccessReview {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional SelfSubjectAccessReviewSpec spec = 2;
  optional SubjectAccessReviewStatus status = 3;
}

message SelfSubjectRulesReviewSpec {
  optional string namespace = 1;
}

message SubjectRulesReviewStatus {
  optional bool incomplete = 3;
  optional string evaluationError = 4;
}

message SelfSubjectRulesReview {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional SelfSubjectRulesReviewSpec spec = 2;
  optional SubjectRulesReviewStatus status = 3;
}
`;

/** Built once: every message above, in one protobufjs root. */
let root: Root | undefined;

function kubernetesRoot(): Root {
  if (!root) {
    root = new Root();
    for (const source of [RUNTIME, META, CORE_V1, AUTHENTICATION_V1, AUTHORIZATION_V1]) parse(source, root, { keepCase: true });
    root.resolveAll();
  }
  return root;
}

/** The `runtime.Unknown` envelope every protobuf body is wrapped in. @internal */
export function unknownEnvelopeType(): Type {
  return kubernetesRoot().lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
}

/** Fully qualified message names of the kinds whose protobuf bodies are understood, by `apiVersion/kind`. */
const MESSAGES_BY_KIND: Record<string, string> = {
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'v1/ConfigMap': 'k8s.io.api.core.v1.ConfigMap',
  'v1/Secret': 'k8s.io.api.core.v1.Secret',
  'v1/ServiceAccount': 'k8s.io.api.core.v1.ServiceAccount',
  'authentication.k8s.io/v1/TokenRequest': 'k8s.io.api.authentication.v1.TokenRequest',
  'authentication.k8s.io/v1/SelfSubjectReview': 'k8s.io.api.authentication.v1.SelfSubjectReview',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'k8s.io.api.authorization.v1.SelfSubjectRulesReview',
};

/** The message type of a kind, if its protobuf form is understood. @internal */
export function messageTypeOf(apiVersion: string, kind: string): Type | undefined {
  const name = MESSAGES_BY_KIND[`${apiVersion}/${kind}`];
  return name ? kubernetesRoot().lookupType(name) : undefined;
}

/** Names of the meta/v1 messages with a JSON form of their own. @internal */
export const TIME_MESSAGE = 'k8s.io.apimachinery.pkg.apis.meta.v1.Time';
/** @internal */
export const FIELDS_V1_MESSAGE = 'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1';
