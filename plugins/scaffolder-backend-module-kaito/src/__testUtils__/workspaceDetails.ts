import type {
  ProvisioningStep,
  WorkspaceDetails,
  WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';

/** A workspace summary as `POST /workspaces` returns it, with overrides. */
export function aWorkspaceSummary(overrides: Partial<WorkspaceSummary> = {}): WorkspaceSummary {
  return {
    ref: { cluster: 'local', namespace: 'default', name: 'support-phi-3' },
    key: 'local/default/support-phi-3',
    kind: 'inference',
    preset: 'phi-3-mini-4k-instruct',
    runtime: 'vllm',
    instanceType: 'Standard_NV36ads_A10_v5',
    state: 'Pending',
    columns: {},
    targetNodeCount: 1,
    gpuCount: 1,
    owner: 'group:default/ml-team',
    deleting: false,
    ...overrides,
  };
}

/** Provisioning steps with the given statuses, in timeline order. */
export function steps(
  statuses: Partial<Record<ProvisioningStep['id'], ProvisioningStep['status'] | Partial<ProvisioningStep>>>,
): ProvisioningStep[] {
  const titles: Array<[ProvisioningStep['id'], string]> = [
    ['validated', 'Request validated'],
    ['nodeClaim', 'GPU node requested'],
    ['nodeReady', 'Node ready'],
    ['imagePulled', 'Image pulled'],
    ['modelLoaded', 'Model loaded'],
    ['ready', 'Serving'],
  ];
  return titles.map(([id, title]) => {
    const given = statuses[id];
    const fields = typeof given === 'string' ? { status: given } : given ?? {};
    return { id, title, status: 'pending', ...fields };
  });
}

/** A workspace as `GET /workspaces/...` returns it, with overrides. */
export function aWorkspace(overrides: Partial<WorkspaceDetails> = {}): WorkspaceDetails {
  return {
    ...aWorkspaceSummary(),
    workspace: {
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'support-phi-3', namespace: 'default' },
      resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { apps: 'support-phi-3' } } },
      inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
    },
    conditions: [],
    steps: steps({ validated: 'done', nodeClaim: 'active' }),
    nodes: [],
    pods: [],
    events: [],
    images: [],
    warnings: [],
    ...overrides,
  };
}
