import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { Workspace } from '@kaito-backstage/plugin-kaito-common';
import yaml from 'yaml';
import type { KaitoActionDeps } from './KaitoActionDeps';
import { logWarnings } from './describePlan';
import { examples } from './renderWorkspace.examples';
import { outputLinks, workspaceLinks } from './workspaceLinks';
import {
  inferenceInput,
  toInferenceFields,
  toTuningFields,
  toWorkspaceBase,
  tuningInput,
  workspaceNodesInput,
  workspaceTargetInput,
} from './workspaceInput';
import { workspaceLinksOutput } from './workspaceOutput';
import type { ZodImpl } from './zodImpl';

/** Input fields of `kaito:workspace:render`. @internal */
export const renderWorkspaceInput = {
  ...workspaceTargetInput,
  ...workspaceNodesInput,
  ...inferenceInput,
  tuning: (z: ZodImpl) =>
    z
      .object({
        method: tuningInput.method(z),
        inputUrls: tuningInput.inputUrls(z),
        inputImage: tuningInput.inputImage(z),
        outputImage: tuningInput.outputImage(z),
        outputImagePushSecret: tuningInput.outputImagePushSecret(z),
        config: tuningInput.config(z),
      })
      .optional()
      .describe('Render a fine-tuning workspace instead of an inference one'),
  path: (z: ZodImpl) =>
    z
      .string()
      .optional()
      .describe('Directory inside the task workspace to write `workspace.yaml` to (default `kaito`)'),
};

/** Metadata the API server sets; it has no place in a manifest kept in Git. */
const SERVER_SET_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink'];

/**
 * The Workspace as it belongs in a Git repository: no status and none of the
 * fields the API server fills in.
 *
 * @internal
 */
export function toGitOpsManifest(manifest: Workspace): Workspace {
  const { status: _status, ...rest } = manifest;
  const metadata = Object.fromEntries(
    Object.entries(manifest.metadata ?? {}).filter(([key]) => !SERVER_SET_METADATA.includes(key)),
  );
  return { ...rest, metadata } as Workspace;
}

/**
 * `kaito:workspace:render`: writes the Workspace YAML into the task's
 * workspace instead of applying it, for a GitOps pull request (e.g. followed
 * by `publish:github:pull-request`). The kaito backend validates and renders
 * it (a dry-run create), so the file is exactly what the portal would apply.
 *
 * @public
 */
export function createKaitoRenderWorkspaceAction(deps: KaitoActionDeps) {
  return createTemplateAction({
    id: 'kaito:workspace:render',
    description:
      'Validates a Kaito workspace request and writes the Workspace manifest to `<path>/workspace.yaml` in the task workspace instead of applying it, for a GitOps pull request.',
    examples,
    supportsDryRun: true,
    schema: {
      input: renderWorkspaceInput,
      output: {
        ...workspaceLinksOutput,
        filePath: z => z.string().describe('Path of the written file, relative to the task workspace'),
      },
    },
    async handler(ctx) {
      const { tuning, path: directory = 'kaito' } = ctx.input;
      const request = {
        ...toWorkspaceBase(ctx.input, ctx.user?.ref),
        ...(tuning ? { tuning: toTuningFields(tuning) } : toInferenceFields(ctx.input)),
        dryRun: true,
      };
      const targetDirectory = resolveSafeChildPath(ctx.workspacePath, directory);
      const links = workspaceLinks(request, deps.workspacesPath);

      const response = await deps.client.createWorkspace(request, {
        credentials: await ctx.getInitiatorCredentials(),
        signal: ctx.signal,
      });
      logWarnings(ctx.logger, response);

      const file = path.join(targetDirectory, 'workspace.yaml');
      await fs.mkdir(targetDirectory, { recursive: true });
      await fs.writeFile(file, yaml.stringify(toGitOpsManifest(response.manifest)), 'utf8');
      const filePath = path.relative(ctx.workspacePath, file).split(path.sep).join('/');
      ctx.logger.info(`Wrote the manifest of workspace ${links.workspaceRef} to ${filePath}`);

      outputLinks(ctx, links);
      ctx.output('filePath', filePath);
    },
  });
}
