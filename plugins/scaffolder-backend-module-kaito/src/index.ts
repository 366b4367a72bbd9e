/**
 * Kaito Workspaces for Backstage: scaffolder actions `kaito:workspace:create`,
 * `kaito:workspace:tune`, `kaito:workspace:wait` and `kaito:workspace:render`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleKaito as default } from './module';
export * from './actions';
export { KaitoBackendClient, KaitoStreamUnavailableError } from './client/KaitoBackendClient';
export type { KaitoBackendClientOptions, KaitoCallOptions } from './client/KaitoBackendClient';
export type { WaitTarget } from './wait/evaluateWorkspace';
