import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

type InputSchemaCallbacks = NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>;

/**
 * The zod instance the scaffolder hands to schema callbacks. Naming it through
 * the scaffolder's own types keeps this package free of a direct zod
 * dependency whose version could drift from the scaffolder's.
 *
 * @internal
 */
export type ZodImpl = Parameters<InputSchemaCallbacks[string]>[0];
