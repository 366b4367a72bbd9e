/**
 * Kaito Workspaces for Backstage: the backend plugin.
 *
 * @packageDocumentation
 */
export { kaitoPlugin as default } from './plugin';
