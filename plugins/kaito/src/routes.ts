import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

/** Route of the workspaces page that lists every workspace across clusters. @public */
export const rootRouteRef = createRouteRef({ id: 'kaito' });

/** One workspace's live view on the workspaces page. @public */
export const workspaceRouteRef = createSubRouteRef({
  id: 'kaito/workspace',
  parent: rootRouteRef,
  path: '/:cluster/:namespace/:name',
});

/**
 * The scaffolder page of a template, for the "Deploy LLM" links; bind it to
 * `scaffolderPlugin.routes.selectedTemplate`. Optional: unbound, the text
 * names the template without a link.
 *
 * @public
 */
export const createFromTemplateRouteRef = createExternalRouteRef({
  id: 'kaito-create-from-template',
  optional: true,
  params: ['namespace', 'templateName'],
});

/** The "Deploy LLM" template this plugin suite ships (templates/deploy-llm). @internal */
export const DEPLOY_LLM_TEMPLATE = {
  namespace: 'default',
  templateName: 'deploy-llm',
} as const;
