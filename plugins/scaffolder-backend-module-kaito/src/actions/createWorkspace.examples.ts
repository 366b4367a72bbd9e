import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in `/create/actions` for `kaito:workspace:create`. @internal */
export const examples: TemplateExample[] = [
  {
    description: 'Serve Phi-3 mini on one A10 node of the embedded simulator, for the ML team',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'kaito:workspace:create',
          name: 'Create the workspace',
          input: {
            cluster: 'local',
            namespace: 'default',
            name: 'support-phi-3',
            preset: 'phi-3-mini-4k-instruct',
            instanceType: 'Standard_NV36ads_A10_v5',
            owner: 'group:default/ml-team',
            component: 'component:default/support-assistant',
          },
        },
      ],
    }),
  },
  {
    description: 'Serve Phi-3 mini on 3 replicas (a Kaito InferenceSet) that autoscale up to 5 on the queue length, then wait for all of them',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'kaito:workspace:create',
          name: 'Create the replicas',
          input: {
            cluster: 'local',
            name: 'support-phi-3-pool',
            preset: 'phi-3-mini-4k-instruct',
            instanceType: 'Standard_NV36ads_A10_v5',
            owner: 'group:default/ml-team',
            component: 'component:default/support-assistant',
            replicas: 3,
            autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 5, metric: 'vllm:num_requests_waiting', threshold: 10 },
          },
        },
        {
          id: 'wait',
          action: 'kaito:workspace:wait',
          name: 'Wait for every replica',
          input: { workspaceRef: '${{ steps.create.output.workspaceRef }}', inferenceSet: true },
        },
      ],
    }),
  },
  {
    description: 'Serve a model with a fine-tuned LoRA adapter and overridden vLLM parameters',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'kaito:workspace:create',
          name: 'Create the workspace',
          input: {
            cluster: 'local',
            name: 'support-phi-3-tuned',
            preset: 'phi-3-mini-4k-instruct',
            instanceType: 'Standard_NC24ads_A100_v4',
            runtime: 'vllm',
            adapters: [
              { name: 'support-tone', image: 'myregistry.azurecr.io/adapters/support-tone:0.1.0' },
            ],
            inferenceConfig: 'support-phi-3-inference-config',
            owner: 'group:default/ml-team',
          },
        },
      ],
    }),
  },
  {
    description: 'Run on bring-your-own GPU nodes selected by label instead of provisioning new ones',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'kaito:workspace:create',
          name: 'Create the workspace',
          input: {
            cluster: 'local',
            namespace: 'ml',
            name: 'mistral-byo',
            preset: 'mistral-7b-instruct',
            count: 1,
            nodeSelector: { apps: 'mistral-7b' },
            owner: 'group:default/ml-team',
          },
        },
      ],
    }),
  },
];
