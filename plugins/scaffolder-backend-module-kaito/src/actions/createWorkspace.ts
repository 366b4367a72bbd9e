import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { KaitoActionDeps } from './KaitoActionDeps';
import { examples } from './createWorkspace.examples';
import { describePlan, logIgnoredCount, logWarnings } from './describePlan';
import { announceWorkspace, outputLinks, workspaceLinks } from './workspaceLinks';
import {
  inferenceInput,
  toInferenceFields,
  toWorkspaceBase,
  workspaceNodesInput,
  workspaceTargetInput,
} from './workspaceInput';
import { workspaceLinksOutput } from './workspaceOutput';
import { createInferenceSetStep, replicasInput, wantsInferenceSet } from './replicasInput';

/** Input fields of `kaito:workspace:create`. @internal */
export const createWorkspaceInput = {
  ...workspaceTargetInput,
  ...workspaceNodesInput,
  ...inferenceInput,
  ...replicasInput,
};

/**
 * `kaito:workspace:create`: asks the kaito backend for an inference workspace.
 * The backend validates the request (Kaito's rules, fit on the GPUs, the
 * owner's quota) before writing anything; a rejection fails the step with the
 * backend's message. A dry run validates and renders only.
 *
 * @public
 */
export function createKaitoCreateWorkspaceAction(deps: KaitoActionDeps) {
  return createTemplateAction({
    id: 'kaito:workspace:create',
    description:
      'Creates a Kaito inference workspace (an LLM served on Kubernetes GPUs) after validating the model, the GPU fit and the owner\'s quota. Outputs the workspace reference, its catalog entity and a link to its tab.',
    examples,
    supportsDryRun: true,
    schema: {
      input: createWorkspaceInput,
      output: workspaceLinksOutput,
    },
    async handler(ctx) {
      // Several replicas, or autoscaling: Kaito's InferenceSet of such workspaces.
      if (wantsInferenceSet(ctx.input)) {
        await createInferenceSetStep(ctx, deps);
        return;
      }
      const request = {
        ...toWorkspaceBase(ctx.input, ctx.user?.ref),
        ...toInferenceFields(ctx.input),
      };
      const links = workspaceLinks(request, deps.workspacesPath);
      const credentials = await ctx.getInitiatorCredentials();
      const call = { credentials, signal: ctx.signal };

      if (ctx.isDryRun) {
        const response = await deps.client.createWorkspace({ ...request, dryRun: true }, call);
        logWarnings(ctx.logger, response);
        logIgnoredCount(ctx.logger, request.count, response.workspace);
        ctx.logger.info(`Dry run: workspace ${links.workspaceRef} is valid and would run ${describePlan(response.workspace)}`);
        outputLinks(ctx, links);
        return;
      }
      // On a task resumed after a restart the checkpoint returns the first result instead of creating twice.
      const plan = await ctx.checkpoint({
        key: `kaito.create.${links.workspaceRef}`,
        fn: async () => {
          const response = await deps.client.createWorkspace(request, call);
          logWarnings(ctx.logger, response);
          logIgnoredCount(ctx.logger, request.count, response.workspace);
          return describePlan(response.workspace);
        },
      });
      ctx.logger.info(`Created workspace ${links.workspaceRef}: ${plan}`);
      announceWorkspace(ctx, links);
    },
  });
}
