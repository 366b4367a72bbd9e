import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { WorkspaceService } from '../service/WorkspaceService';
import { MAX_PAGE_SIZE, WORKSPACE_SORT_KEYS, WORKSPACE_STATES, parseWorkspaceListQuery } from '../service/workspaceListQuery';
import { summaryOutput, workspaceSummarySchema } from './actionSchemas';

/**
 * `kaito:list-workspaces`: the workspaces the caller may read, filtered, sorted and paged as
 * `GET /workspaces` does (one policy decision for the list, then the cache).
 *
 * @internal
 */
export function registerListWorkspacesAction(actionsRegistry: ActionsRegistryService, service: WorkspaceService): void {
  actionsRegistry.register({
    name: 'list-workspaces',
    title: 'List Kaito workspaces',
    description:
      'Lists the Kaito LLM workspaces the caller may read on every connected cluster, with their state, model, GPU shape, ' +
      'owner and cost per hour. Filters narrow the list; results are paged (limit, offset).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            cluster: z.string().max(600).optional().describe('Only this cluster (its name in kaito.clusters)'),
            namespace: z.string().max(600).optional().describe('Only this Kubernetes namespace'),
            name: z.string().max(600).optional().describe('Only the workspace of this name'),
            owner: z.string().max(600).optional().describe('Only workspaces of this owning group, e.g. group:default/ml-team'),
            entity: z.string().max(600).optional().describe('Only workspaces serving this catalog entity, e.g. component:default/support-assistant'),
            state: z.array(z.enum(WORKSPACE_STATES)).optional().describe('Only workspaces in one of these states'),
            q: z.string().max(600).optional().describe('Text to find in the key, model, instance type, owner or entity'),
            sort: z.enum(WORKSPACE_SORT_KEYS).optional(),
            order: z.enum(['asc', 'desc']).optional(),
            offset: z.number().int().min(0).optional().describe('Where the page starts (the nextOffset of the page before)'),
            limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional().describe(`Page size, at most ${MAX_PAGE_SIZE}; the whole list when absent`),
          })
          .strict(),
      output: z =>
        z.object({
          items: z.array(workspaceSummarySchema(z)),
          errors: z.array(z.object({ cluster: z.string(), message: z.string() })).describe('Clusters that could not be read'),
          total: z.number().optional().describe('How many readable workspaces match, over every page'),
          nextOffset: z.number().optional().describe('The offset of the next page; absent on the last one'),
        }),
    },
    examples: [
      { title: 'Ready workspaces of a team', input: { owner: 'group:default/ml-team', state: ['Ready'] } },
      { title: 'The ten most expensive workspaces', input: { sort: 'costPerHour', order: 'desc', limit: 10 } },
    ],
    async action({ input, credentials }) {
      const { state, offset, limit, ...filters } = input;
      const parsed = parseWorkspaceListQuery({
        ...filters,
        ...(state?.length ? { state: state.join(',') } : {}),
        ...(offset !== undefined ? { offset: String(offset) } : {}),
        ...(limit !== undefined ? { limit: String(limit) } : {}),
      });
      if (!parsed.ok) throw new InputError(`Invalid workspace list query: ${parsed.issues.join('; ')}`);
      const list = service.listWorkspaces(parsed.query, await service.access.readableFilter(credentials));
      return {
        output: {
          items: list.items.map(summaryOutput),
          errors: list.errors,
          ...(list.total !== undefined ? { total: list.total } : {}),
          ...(list.nextOffset !== undefined ? { nextOffset: list.nextOffset } : {}),
        },
      };
    },
  });
}
