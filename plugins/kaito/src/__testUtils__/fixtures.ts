import type {
  PresetSummary,
  SkuSummary,
  WorkspaceDetails,
  WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';

/** A ready phi-3 inference workspace on the simulator. */
export function readyWorkspace(
  overrides: Partial<WorkspaceDetails> = {},
): WorkspaceDetails {
  return {
    ref: { cluster: 'local', namespace: 'default', name: 'phi-3' },
    key: 'local/default/phi-3',
    kind: 'inference',
    preset: 'phi-3-mini-4k-instruct',
    runtime: 'vllm',
    instanceType: 'Standard_NV36ads_A10_v5',
    state: 'Ready',
    columns: {
      resourceReady: 'True',
      inferenceReady: 'True',
      workspaceSucceeded: 'True',
    },
    targetNodeCount: 1,
    gpuCount: 1,
    costPerHour: 3.2,
    currency: 'USD',
    owner: 'group:default/ml-team',
    requestedBy: 'user:default/guest',
    entityRef: 'component:default/support-assistant',
    createdAt: '2026-11-22T10:00:00Z',
    deleting: false,
    workspace: {
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'phi-3', namespace: 'default' },
      resource: {
        instanceType: 'Standard_NV36ads_A10_v5',
        labelSelector: { matchLabels: { apps: 'phi-3' } },
      },
      inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
    },
    conditions: [
      {
        type: 'InferenceReady',
        status: 'True',
        reason: 'WorkspaceInferenceStatusSuccess',
        message: 'Inference has been deployed successfully',
        lastTransitionTime: '2026-11-22T10:05:00Z',
      },
    ],
    steps: [
      { id: 'validated', title: 'Validated', status: 'done' },
      { id: 'nodeClaim', title: 'Node claimed', status: 'done' },
      { id: 'nodeReady', title: 'Node ready', status: 'done' },
      { id: 'imagePulled', title: 'Image pulled', status: 'done' },
      { id: 'modelLoaded', title: 'Model loaded', status: 'done' },
      { id: 'ready', title: 'Ready', status: 'done' },
    ],
    nodes: [
      {
        name: 'aks-ws1a2b3-12345678-vmss000000',
        instanceType: 'Standard_NV36ads_A10_v5',
        gpus: 1,
        gpuProduct: 'NVIDIA-A10',
        ready: true,
        nodeClaim: 'ws1a2b3c4',
      },
    ],
    pods: [
      {
        name: 'phi-3-0',
        phase: 'Running',
        ready: true,
        restarts: 0,
        node: 'aks-ws1a2b3-12345678-vmss000000',
      },
    ],
    events: [
      {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Successfully pulled image',
        object: 'Pod/phi-3-0',
        count: 1,
        lastSeen: '2026-11-22T10:04:00Z',
      },
    ],
    images: [
      {
        role: 'inference',
        image: 'mcr.microsoft.com/aks/kaito/kaito-base:0.2.0',
        digest:
          'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      },
    ],
    endpoint: {
      serviceUrl: 'http://phi-3.default.svc.cluster.local:80',
      api: 'openai',
      models: ['phi-3-mini-4k-instruct'],
      curlExample:
        'curl -X POST http://phi-3.default.svc.cluster.local:80/v1/chat/completions -H "Content-Type: application/json" -d \'{"model":"phi-3-mini-4k-instruct","messages":[{"role":"user","content":"Hello"}]}\'',
    },
    warnings: [],
    ...overrides,
  };
}

/** The same workspace stuck at node provisioning on a quota error. */
export function quotaStuckWorkspace(): WorkspaceDetails {
  const ready = readyWorkspace();
  return {
    ...ready,
    ref: { ...ready.ref, name: 'phi-h100' },
    key: 'local/default/phi-h100',
    instanceType: 'Standard_ND96isr_H100_v5',
    state: 'Pending',
    columns: {
      resourceReady: 'False',
      inferenceReady: 'Unknown',
      workspaceSucceeded: 'False',
    },
    costPerHour: 98.32,
    steps: [
      { id: 'validated', title: 'Validated', status: 'done' },
      {
        id: 'nodeClaim',
        title: 'Node claimed',
        status: 'failed',
        reason: 'QuotaExceeded',
        message:
          'Operation could not be completed as it results in exceeding approved standardNDSH100v5Family Cores quota',
        hint: 'Ask for more quota for this VM family or choose another instance type.',
      },
      { id: 'nodeReady', title: 'Node ready', status: 'pending' },
      { id: 'imagePulled', title: 'Image pulled', status: 'pending' },
      { id: 'modelLoaded', title: 'Model loaded', status: 'pending' },
      { id: 'ready', title: 'Ready', status: 'pending' },
    ],
    nodes: [],
    pods: [],
    endpoint: undefined,
    events: [
      {
        type: 'Warning',
        reason: 'LaunchFailed',
        message:
          'QuotaExceeded: exceeding approved standardNDSH100v5Family Cores quota',
        object: 'NodeClaim/ws9f8e7d6c',
        count: 3,
      },
    ],
  };
}

/** A tuning workspace whose job finished and pushed an adapter image. */
export function finishedTuningWorkspace(): WorkspaceDetails {
  const ready = readyWorkspace();
  return {
    ...ready,
    ref: { ...ready.ref, name: 'phi-tune' },
    key: 'local/default/phi-tune',
    kind: 'tuning',
    state: 'Succeeded',
    columns: {
      resourceReady: 'True',
      jobStarted: 'True',
      workspaceSucceeded: 'True',
    },
    endpoint: undefined,
    steps: [
      { id: 'validated', title: 'Validated', status: 'done' },
      { id: 'nodeClaim', title: 'Node claimed', status: 'done' },
      { id: 'nodeReady', title: 'Node ready', status: 'done' },
      { id: 'jobStarted', title: 'Tuning job started', status: 'done' },
      { id: 'jobSucceeded', title: 'Tuning job succeeded', status: 'done' },
    ],
    images: [
      {
        role: 'tuning',
        image: 'mcr.microsoft.com/aks/kaito/kaito-tuning:0.2.0',
      },
      {
        role: 'output',
        image: 'registry.example.com/adapters/phi-support:v1',
        digest:
          'sha256:feedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedface',
      },
    ],
    workspace: {
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'phi-tune', namespace: 'default' },
      resource: {
        instanceType: 'Standard_NV36ads_A10_v5',
        labelSelector: { matchLabels: { apps: 'phi-tune' } },
      },
      tuning: {
        preset: { name: 'phi-3-mini-4k-instruct' },
        method: 'lora',
        input: { urls: ['https://example.com/data.parquet'] },
        output: {
          image: 'registry.example.com/adapters/phi-support:v1',
          imagePushSecret: 'push-secret',
        },
      },
    },
  };
}

/** A list entry made from a details fixture. */
export function summaryOf(details: WorkspaceDetails): WorkspaceSummary {
  const {
    workspace: _w,
    conditions: _c,
    steps: _s,
    nodes: _n,
    pods: _p,
    events: _e,
    images: _i,
    endpoint: _ep,
    warnings: _wa,
    ...summary
  } = details;
  return summary;
}

export const presets: PresetSummary[] = [
  {
    name: 'phi-3-mini-4k-instruct',
    aliases: [],
    hfRepo: 'microsoft/Phi-3-mini-4k-instruct',
    weightsGiB: 7.1,
    gpuCountRequirement: 1,
    contextLength: 4096,
    runtimes: ['vllm', 'transformers'],
    tuning: true,
    servedModelName: 'phi-3-mini-4k-instruct',
    requiresAuth: false,
  },
  {
    name: 'llama-3.3-70b-instruct',
    aliases: [],
    hfRepo: 'meta-llama/Llama-3.3-70B-Instruct',
    weightsGiB: 140,
    gpuCountRequirement: 4,
    contextLength: 131072,
    runtimes: ['vllm'],
    tuning: false,
    servedModelName: 'llama-3.3-70b-instruct',
    requiresAuth: true,
  },
];

export const skus: SkuSummary[] = [
  {
    name: 'Standard_NV36ads_A10_v5',
    cloud: 'azure',
    gpuCount: 1,
    gpuMemoryGiB: 24,
    perGpuMemoryGiB: 24,
    gpuModel: 'NVIDIA A10',
    retired: false,
    pricePerHour: 3.2,
    currency: 'USD',
  },
  {
    name: 'Standard_NC24ads_A100_v4',
    cloud: 'azure',
    gpuCount: 1,
    gpuMemoryGiB: 80,
    perGpuMemoryGiB: 80,
    gpuModel: 'NVIDIA A100',
    retired: false,
    pricePerHour: 3.67,
    currency: 'USD',
  },
  {
    name: 'Standard_NC6',
    cloud: 'azure',
    gpuCount: 1,
    gpuMemoryGiB: 12,
    perGpuMemoryGiB: 12,
    gpuModel: 'NVIDIA K80',
    retired: true,
  },
];
