/**
 * Node library of the Kaito backend plugin: the extension points through
 * which backend modules extend `@kaito-backstage/plugin-kaito-backend`.
 *
 * @packageDocumentation
 */
export { kaitoClustersExtensionPoint } from './extensions';
export type { KaitoClusterConnector, KaitoClustersExtensionPoint } from './extensions';
