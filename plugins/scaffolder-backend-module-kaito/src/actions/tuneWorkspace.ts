import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { KaitoActionDeps } from './KaitoActionDeps';
import { describePlan, logWarnings } from './describePlan';
import { examples } from './tuneWorkspace.examples';
import { announceWorkspace, outputLinks, workspaceLinks } from './workspaceLinks';
import { toTuningFields, toWorkspaceBase, tuningInput, workspaceNodesInput, workspaceTargetInput } from './workspaceInput';
import { workspaceLinksOutput } from './workspaceOutput';

/** Input fields of `kaito:workspace:tune`. @internal */
export const tuneWorkspaceInput = {
  ...workspaceTargetInput,
  ...workspaceNodesInput,
  ...tuningInput,
};

/**
 * `kaito:workspace:tune`: asks the kaito backend for a fine-tuning workspace,
 * a Job that trains a LoRA/QLoRA adapter on the datasets and pushes it as an
 * image. Validated by the backend like `kaito:workspace:create`.
 *
 * @public
 */
export function createKaitoTuneWorkspaceAction(deps: KaitoActionDeps) {
  return createTemplateAction({
    id: 'kaito:workspace:tune',
    description:
      'Creates a Kaito fine-tuning workspace: trains a LoRA or QLoRA adapter for a model preset on the given datasets and pushes it to the output image. Outputs the workspace reference, its catalog entity, a link to its tab and the adapter image.',
    examples,
    supportsDryRun: true,
    schema: {
      input: tuneWorkspaceInput,
      output: {
        ...workspaceLinksOutput,
        outputImage: z => z.string().describe('The image the tuned adapter is pushed to'),
        adapterName: z => z.string().describe('A name to serve the adapter under (the tuning workspace\'s name)'),
      },
    },
    async handler(ctx) {
      const request = {
        ...toWorkspaceBase(ctx.input, ctx.user?.ref),
        tuning: toTuningFields(ctx.input),
      };
      const links = workspaceLinks(request, deps.workspacesPath);
      const credentials = await ctx.getInitiatorCredentials();
      const call = { credentials, signal: ctx.signal };
      const data = describeTuningData(request.tuning);

      if (ctx.isDryRun) {
        const response = await deps.client.createWorkspace({ ...request, dryRun: true }, call);
        logWarnings(ctx.logger, response);
        ctx.logger.info(
          `Dry run: workspace ${links.workspaceRef} is valid and would run ${request.tuning.method} tuning of ${describePlan(response.workspace)}; ${data}`,
        );
      } else {
        const plan = await ctx.checkpoint({
          key: `kaito.tune.${links.workspaceRef}`,
          fn: async () => {
            const response = await deps.client.createWorkspace(request, call);
            logWarnings(ctx.logger, response);
            return describePlan(response.workspace);
          },
        });
        ctx.logger.info(`Created workspace ${links.workspaceRef}: ${request.tuning.method} tuning of ${plan}; ${data}`);
        announceWorkspace(ctx, links);
      }
      if (ctx.isDryRun) {
        outputLinks(ctx, links);
      }
      ctx.output('outputImage', request.tuning.outputImage);
      ctx.output('adapterName', request.name);
    },
  });
}

function describeTuningData(tuning: { inputUrls?: string[]; inputImage?: string; outputImage: string }) {
  const urls = tuning.inputUrls?.length ?? 0;
  const input = tuning.inputImage ? `the dataset in ${tuning.inputImage}` : `${urls} dataset URL${urls === 1 ? '' : 's'}`;
  return `trains on ${input} and pushes the adapter to ${tuning.outputImage}`;
}
