import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_WORKSPACES_PATH,
  KAITO_WORKSPACE_ANNOTATION,
  LLM_WORKSPACE_TYPE,
  WorkspaceSummary,
  workspaceEntityName,
} from '@kaito-backstage/plugin-kaito-common';

/**
 * A workspace as a catalog `Resource` of type `llm-workspace`: owned by the
 * group recorded at creation, annotated with its workspace key, and a
 * dependency of the component it was requested for.
 *
 * @public
 */
export function workspaceToEntity(
  summary: WorkspaceSummary,
  options: {
    appBaseUrl?: string;
    /** The app path of the LLM workspaces page (kaito.portal.workspacesPath). @defaultValue '/kaito' */
    workspacesPath?: string;
  } = {},
): Entity {
  // A location ref must read `<type>:<target>`.
  const location = `kaito:${summary.key}`;
  const what = summary.kind === 'tuning' ? 'Fine-tuning of' : 'Serves';
  const where = `${summary.instanceType ?? 'bring-your-own nodes'} in ${summary.ref.cluster}/${summary.ref.namespace}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: workspaceEntityName(summary.ref),
      title: summary.ref.name,
      description: `${what} ${summary.preset ?? 'a custom model'} on ${where}.`,
      annotations: {
        [KAITO_WORKSPACE_ANNOTATION]: summary.key,
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
      tags: ['kaito', summary.kind, ...(summary.preset ? [summary.preset.toLowerCase().replace(/[^a-z0-9+#-]/g, '-').slice(0, 63)] : [])],
      ...(options.appBaseUrl
        ? {
            links: [
              {
                url: `${options.appBaseUrl.replace(/\/$/, '')}${options.workspacesPath ?? DEFAULT_WORKSPACES_PATH}`,
                title: 'All LLM workspaces',
                icon: 'dashboard',
              },
            ],
          }
        : {}),
    },
    spec: {
      type: LLM_WORKSPACE_TYPE,
      owner: summary.owner ?? 'group:default/unowned',
      ...(summary.entityRef ? { dependencyOf: [summary.entityRef] } : {}),
    },
  };
}
