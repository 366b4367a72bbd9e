/**
 * Kaito Workspaces for Backstage: scaffolder actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleKaito as default } from './module';
