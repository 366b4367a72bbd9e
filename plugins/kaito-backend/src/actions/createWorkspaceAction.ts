import { AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { parseCreateWorkspaceRequest } from '@kaito-backstage/plugin-kaito-common';
import { AuditTrail } from '../service/auditTrail';
import { actionInvocationRequest } from './actionInvocationRequest';
import { WorkspaceService } from '../service/WorkspaceService';
import { nodeSelectorSchema, summaryOutput, workspaceSummarySchema } from './actionSchemas';

/** What the create action needs: the service the REST API uses, and its audit trail. @internal */
export interface CreateWorkspaceActionOptions {
  service: WorkspaceService;
  audit: AuditTrail;
  auth: AuthService;
}

/**
 * `kaito:create-workspace`: creates a workspace, or with `dryRun` checks that it would be
 * created, through exactly what `POST /workspaces` runs: the request schema, who may ask
 * (permission, owner group, placement), Kaito's rules and fit, the owner's quota, the API
 * server's dry run, and the audit trail (a dry run reaches the auditor, not the activity table).
 *
 * @internal
 */
export function registerCreateWorkspaceAction(actionsRegistry: ActionsRegistryService, options: CreateWorkspaceActionOptions): void {
  const { service, audit, auth } = options;
  actionsRegistry.register({
    name: 'create-workspace',
    title: 'Create a Kaito workspace',
    description:
      'Creates a Kaito LLM workspace (a model served on GPU nodes) on a cluster for an owning group, with the same ' +
      'permission, placement, fit and quota checks as the portal. Set dryRun to true to check the request and see the ' +
      'Workspace it would create without creating it; the GPUs cost money from the moment it is created.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z
          .object({
            cluster: z.string().min(1).max(63).describe('The cluster (its name in kaito.clusters)'),
            namespace: z.string().min(1).max(63).describe('The Kubernetes namespace; placement rules may fix it per owner group'),
            name: z.string().min(1).max(63).describe('The workspace name, a DNS label'),
            preset: z.string().min(1).max(253).describe('A model preset name or a Hugging Face id'),
            runtime: z.enum(['vllm', 'transformers']).optional(),
            instanceType: z.string().min(1).max(253).optional().describe('The GPU VM size, e.g. Standard_NC24ads_A100_v4'),
            count: z.number().int().min(1).max(64).optional(),
            nodeSelector: nodeSelectorSchema(z).optional(),
            adapters: z
              .array(
                z.object({
                  name: z.string().describe('The adapter name, a DNS label'),
                  image: z.string().describe('The OCI image holding the LoRA adapter'),
                  strength: z.string().optional().describe('Only with the transformers runtime'),
                  imagePullSecrets: z.array(z.string()).optional(),
                }),
              )
              .optional(),
            inferenceConfig: z.string().optional().describe("The name of a ConfigMap with Kaito's inference config"),
            modelAccessSecret: z.string().optional().describe('The Secret with the Hugging Face token of a gated model'),
            tuning: z
              .object({
                method: z.enum(['lora', 'qlora']),
                inputUrls: z.array(z.string()).optional(),
                inputImage: z.string().optional(),
                outputImage: z.string(),
                outputImagePushSecret: z.string(),
                config: z.string().optional(),
              })
              .optional()
              .describe('A fine-tuning job instead of a served model'),
            owner: z.string().describe('The owning group, e.g. group:default/ml-team; the caller must be in it'),
            entityRef: z.string().optional().describe('The catalog component the workspace serves'),
            dryRun: z.boolean().describe('true: check and show the Workspace, create nothing'),
          })
          .strict(),
      output: z =>
        z.object({
          dryRun: z.boolean(),
          workspace: workspaceSummarySchema(z),
          manifest: z.record(z.unknown()).describe('The Workspace object as written, or as it would be'),
          warnings: z.array(z.object({ path: z.string(), message: z.string() })),
        }),
    },
    examples: [
      {
        title: 'Check a Phi-4 workspace for a team',
        input: {
          cluster: 'aks-gpu',
          namespace: 'ml-team',
          name: 'phi-4-chat',
          preset: 'phi-4',
          instanceType: 'Standard_NC24ads_A100_v4',
          owner: 'group:default/ml-team',
          entityRef: 'component:default/support-assistant',
          dryRun: true,
        },
      },
    ],
    async action({ input, credentials }) {
      const actor = auth.isPrincipal(credentials, 'user')
        ? credentials.principal.userEntityRef
        : `plugin:${(credentials.principal as { subject?: string }).subject ?? 'unknown'}`;
      const claimed = [input.cluster, input.namespace, input.name].join('/');
      // The auditor's actor is the caller, not this plugin (see actionInvocationRequest).
      const invocation = await actionInvocationRequest(auth, credentials, 'kaito:create-workspace');
      const act = (await audit.begin(invocation, 'create', claimed, { actor, via: 'actions-registry' })).by(actor);
      if (input.dryRun) act.withoutRow();
      try {
        const parsed = parseCreateWorkspaceRequest(input);
        if (!parsed.ok) {
          throw new InputError(`The workspace request is invalid: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
        }
        const created = await service.create(parsed.request, credentials);
        await act.succeeded(input.dryRun ? 'dry run' : undefined);
        return {
          output: {
            dryRun: input.dryRun,
            workspace: summaryOutput(created.workspace),
            manifest: created.manifest as unknown as Record<string, unknown>,
            warnings: created.warnings.map(w => ({ path: w.path, message: w.message })),
          },
        };
      } catch (error) {
        await act.failed(error as Error);
        throw error;
      }
    },
  });
}
