import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in `/create/actions` for `kaito:workspace:render`. @internal */
export const examples: TemplateExample[] = [
  {
    description: 'Render an inference workspace into clusters/prod/ and open a pull request with it',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'kaito:workspace:render',
          name: 'Render the Workspace manifest',
          input: {
            cluster: 'prod-westeurope',
            namespace: 'ml',
            name: 'support-phi-3',
            preset: 'phi-3-mini-4k-instruct',
            instanceType: 'Standard_NC24ads_A100_v4',
            owner: 'group:default/ml-team',
            path: 'clusters/prod-westeurope/ml',
          },
        },
        {
          id: 'pr',
          action: 'publish:github:pull-request',
          name: 'Open a pull request',
          input: {
            repoUrl: 'github.com?owner=acme&repo=gpu-workloads',
            branchName: 'kaito/support-phi-3',
            title: 'Add Kaito workspace support-phi-3',
            description: 'Requested from the developer portal.',
          },
        },
      ],
    }),
  },
  {
    description: 'Render a QLoRA fine-tuning workspace to kaito/workspace.yaml',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'kaito:workspace:render',
          name: 'Render the tuning Workspace',
          input: {
            cluster: 'local',
            name: 'support-tone-tuning',
            preset: 'phi-3-mini-4k-instruct',
            instanceType: 'Standard_NC24ads_A100_v4',
            owner: 'group:default/ml-team',
            tuning: {
              method: 'qlora',
              inputUrls: ['https://example.com/datasets/support-tickets.parquet'],
              outputImage: 'myregistry.azurecr.io/adapters/support-tone:0.1.0',
              outputImagePushSecret: 'acr-push-secret',
            },
          },
        },
      ],
    }),
  },
];
