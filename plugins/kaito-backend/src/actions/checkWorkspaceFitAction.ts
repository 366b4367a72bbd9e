import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { parseFitRequest } from '@kaito-backstage/plugin-kaito-common';
import { WorkspaceService } from '../service/WorkspaceService';
import { nodeSelectorSchema } from './actionSchemas';

/**
 * `kaito:check-workspace-fit`: whether a model fits a GPU shape, with the node count, the
 * cost, the cheapest shapes that fit and the owner's remaining quota, as `POST /fit` answers.
 *
 * @internal
 */
export function registerCheckWorkspaceFitAction(actionsRegistry: ActionsRegistryService, service: WorkspaceService): void {
  actionsRegistry.register({
    name: 'check-workspace-fit',
    title: 'Check whether a model fits a GPU shape',
    description:
      'Checks whether a Kaito model preset fits an instance type on a cluster (GPU memory, node count, Kaito v0.12 rules), ' +
      "what it would cost per hour, which cheaper instance types fit, and how much of the owner group's GPU quota is left. " +
      'Writes nothing.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            cluster: z.string().min(1).max(63).describe('The cluster (its name in kaito.clusters)'),
            preset: z.string().min(1).max(253).describe('A model preset name (list-presets) or a Hugging Face id'),
            instanceType: z.string().max(253).optional().describe('The GPU VM size, e.g. Standard_NC24ads_A100_v4; omit to get recommendations'),
            count: z.number().int().min(1).max(64).optional().describe('Nodes asked for; Kaito sizes multi-node models itself'),
            runtime: z.enum(['vllm', 'transformers']).optional(),
            purpose: z.enum(['inference', 'tuning']).optional().describe('tuning: sized with the tuning memory on one node'),
            owner: z.string().max(400).optional().describe('The owning group, for its remaining GPU quota'),
            nodeSelector: nodeSelectorSchema(z).optional(),
          })
          .strict(),
      output: z =>
        z.object({
          fits: z.boolean(),
          reasons: z.array(z.string()).describe('Why it does not fit, or warnings; each names the numbers'),
          nodeCount: z.number(),
          gpuCount: z.number(),
          costPerHour: z.number().optional(),
          currency: z.string().optional(),
          recommendations: z.array(z.object({ instanceType: z.string(), nodeCount: z.number(), costPerHour: z.number().optional() })),
          quota: z
            .object({
              group: z.string(),
              maxGpus: z.number().optional(),
              usedGpus: z.number(),
              maxWorkspaces: z.number().optional(),
              usedWorkspaces: z.number(),
            })
            .optional(),
        }),
    },
    examples: [
      {
        title: 'Phi-4 on one A100',
        input: { cluster: 'aks-gpu', preset: 'phi-4', instanceType: 'Standard_NC24ads_A100_v4', owner: 'group:default/ml-team' },
      },
      { title: 'Where Llama 3.3 70B fits', input: { cluster: 'aks-gpu', preset: 'llama-3.3-70b-instruct' } },
    ],
    async action({ input }) {
      const parsed = parseFitRequest(input);
      if (!parsed.ok) {
        throw new InputError(`Invalid fit request: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
      }
      return { output: await service.fit(parsed.request) };
    },
  });
}
