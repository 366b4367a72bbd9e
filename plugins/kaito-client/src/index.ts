/**
 * The Kaito backend's REST API client, generated from its OpenAPI spec
 * (plugins/kaito-backend/src/schema/openapi.yaml). Isomorphic: the frontend,
 * the scaffolder actions and the catalog provider all call the API through it.
 *
 * @packageDocumentation
 */
export { KaitoApiClient } from './generated/KaitoApiClient';
export type {
  BodyOf,
  JsonOf,
  KaitoApiClientOptions,
  KaitoDiscovery,
  KaitoOperationId,
  KaitoRequestOptions,
  KaitoStreamEvents,
  ParametersOf,
  PathOf,
  QueryOf,
  SuccessResponsesOf,
} from './generated/KaitoApiClient';
// The spec's types live in kaito-common (its REST types are these schemas); kept here for existing imports.
export type { components, operations, paths } from '@kaito-backstage/plugin-kaito-common';
export { STREAM_DONE, readKaitoEvents } from './readKaitoEvents';
export type { KaitoStreamEvent } from './readKaitoEvents';
