import { setTimeout as delay } from 'node:timers/promises';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseWorkspaceKey, WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import type { KaitoActionDeps } from './KaitoActionDeps';
import type { ZodImpl } from './zodImpl';
import { examples } from './waitWorkspace.examples';
import { describeProblem } from '../wait/evaluateWorkspace';
import { waitForWorkspaceState } from '../wait/waitForWorkspaceState';
import { waitForInferenceSet } from '../wait/waitForInferenceSet';

/** Test seams of `kaito:workspace:wait`; the defaults use real time. @public */
export interface KaitoWaitWorkspaceActionDeps extends KaitoActionDeps {
  /** Time between polls when the event stream is unavailable. @defaultValue 2000 */
  pollIntervalMs?: number;
  /** Resolves after `ms`, rejects when `signal` aborts. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  /** A signal that aborts after `ms`. @defaultValue `AbortSignal.timeout` */
  timeoutSignal?(ms: number): AbortSignal;
}

const DEFAULT_TIMEOUT_MINUTES = 30;

/** Input fields of `kaito:workspace:wait`. @internal */
export const waitWorkspaceInput = {
  workspaceRef: (z: ZodImpl) =>
    z.string().describe('The workspace key `<cluster>/<namespace>/<name>`, e.g. `${{ steps.create.output.workspaceRef }}`'),
  state: (z: ZodImpl) =>
    z
      .enum(['Ready', 'Succeeded'])
      .optional()
      .describe('State to wait for (default: `Succeeded` for tuning workspaces, `Ready` otherwise)'),
  timeoutMinutes: (z: ZodImpl) =>
    z
      .number()
      .positive()
      .max(24 * 60)
      .optional()
      .describe(`Give up after this many minutes (default ${DEFAULT_TIMEOUT_MINUTES})`),
  inferenceSet: (z: ZodImpl) =>
    z
      .boolean()
      .optional()
      .describe('The ref names an InferenceSet (kaito:workspace:create with replicas): wait until every replica is Ready'),
  failOnStepFailure: (z: ZodImpl) =>
    z
      .boolean()
      .optional()
      .describe('Fail as soon as a provisioning step fails (e.g. QuotaExceeded), rather than waiting for a retry (default true)'),
};

/**
 * `kaito:workspace:wait`: waits until a workspace is `Ready` (inference) or
 * `Succeeded` (tuning), logging every provisioning step as it happens, and
 * fails with the failed step's reason, message and hint.
 *
 * @public
 */
export function createKaitoWaitWorkspaceAction(deps: KaitoWaitWorkspaceActionDeps) {
  const sleep = deps.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  const timeoutSignal = deps.timeoutSignal ?? (ms => AbortSignal.timeout(ms));

  return createTemplateAction({
    id: 'kaito:workspace:wait',
    description:
      'Waits for a Kaito workspace to become Ready (or Succeeded, for tuning), logging each provisioning step as it happens; fails with the reason and a hint when a step fails or the timeout passes.',
    examples,
    supportsDryRun: true,
    schema: {
      input: waitWorkspaceInput,
      output: {
        state: z => z.string().describe('The state reached'),
        serviceUrl: z => z.string().optional().describe('In-cluster URL of the model (inference workspaces)'),
        models: z => z.array(z.string()).optional().describe('Model names the endpoint serves (base and adapters)'),
      },
    },
    async handler(ctx) {
      const ref = parseWorkspaceKey(ctx.input.workspaceRef);
      if (!ref) {
        throw new InputError(
          `Invalid workspaceRef '${ctx.input.workspaceRef}': expected <cluster>/<namespace>/<name>`,
        );
      }
      if (ctx.isDryRun) {
        const state = ctx.input.state ?? 'Ready';
        ctx.logger.info(`Dry run: not waiting for ${ctx.input.workspaceRef}, assuming it is ${state}`);
        ctx.output('state', state);
        return;
      }

      const minutes = ctx.input.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
      const timeout = timeoutSignal(minutes * 60_000);
      const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
      if (ctx.input.inferenceSet) {
        const credentials = await ctx.getInitiatorCredentials();
        const set = await waitForInferenceSet({ deps, ref, credentials, signal, sleep, pollIntervalMs: deps.pollIntervalMs ?? 2000, logger: ctx.logger, minutes, timeout, task: ctx.signal });
        ctx.output('state', 'Ready');
        ctx.output('models', [set.ref.name]);
        return;
      }
      let last: WorkspaceDetails | undefined;

      let details: WorkspaceDetails;
      try {
        details = await waitForWorkspaceState({
          client: deps.client,
          ref,
          target: ctx.input.state,
          credentials: await ctx.getInitiatorCredentials(),
          signal,
          logger: ctx.logger,
          failOnStepFailure: ctx.input.failOnStepFailure ?? true,
          pollIntervalMs: deps.pollIntervalMs ?? 2000,
          sleep,
          onSnapshot: snapshot => {
            last = snapshot;
          },
        });
      } catch (error) {
        if (timeout.aborted && !ctx.signal?.aborted) {
          const where = last ? ` It is ${last.state}: ${describeProblem(last)}.` : '';
          throw new Error(
            `Timed out after ${minutes} minutes waiting for workspace ${ctx.input.workspaceRef} to be ${ctx.input.state ?? 'ready'}.${where}`,
          );
        }
        if (ctx.signal?.aborted) {
          throw new Error(`Stopped waiting for workspace ${ctx.input.workspaceRef}: the task was cancelled`);
        }
        throw error;
      }

      ctx.output('state', details.state);
      if (details.endpoint) {
        ctx.output('serviceUrl', details.endpoint.serviceUrl);
        ctx.output('models', details.endpoint.models);
      }
    },
  });
}
