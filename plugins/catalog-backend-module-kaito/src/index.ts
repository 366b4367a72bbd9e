/**
 * Kaito Workspaces for Backstage: catalog module.
 *
 * @packageDocumentation
 */
export { catalogModuleKaitoEntityProvider as default } from './module';
