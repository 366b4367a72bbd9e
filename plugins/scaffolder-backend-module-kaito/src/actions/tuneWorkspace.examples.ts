import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in `/create/actions` for `kaito:workspace:tune`. @internal */
export const examples: TemplateExample[] = [
  {
    description: 'QLoRA-tune Phi-3 mini on a public dataset and push the adapter to a registry',
    example: yaml.stringify({
      steps: [
        {
          id: 'tune',
          action: 'kaito:workspace:tune',
          name: 'Fine-tune the model',
          input: {
            cluster: 'local',
            namespace: 'default',
            name: 'support-tone-tuning',
            preset: 'phi-3-mini-4k-instruct',
            method: 'qlora',
            inputUrls: ['https://huggingface.co/datasets/philschmid/dolly-15k-oai-style/resolve/main/data/train-00000-of-00001-54e3756291ca09c6.parquet'],
            outputImage: 'myregistry.azurecr.io/adapters/support-tone:0.1.0',
            outputImagePushSecret: 'acr-push-secret',
            instanceType: 'Standard_NC24ads_A100_v4',
            owner: 'group:default/ml-team',
          },
        },
      ],
    }),
  },
  {
    description: 'LoRA-tune from a dataset baked into an image, with custom tuning parameters',
    example: yaml.stringify({
      steps: [
        {
          id: 'tune',
          action: 'kaito:workspace:tune',
          name: 'Fine-tune the model',
          input: {
            cluster: 'local',
            name: 'qwen-coder-lora',
            preset: 'qwen2.5-coder-7b-instruct',
            method: 'lora',
            inputImage: 'myregistry.azurecr.io/datasets/support-tickets:2024-06',
            outputImage: 'myregistry.azurecr.io/adapters/qwen-coder-support:0.1.0',
            outputImagePushSecret: 'acr-push-secret',
            config: 'qwen-coder-lora-params',
            instanceType: 'Standard_NC24ads_A100_v4',
            count: 1,
            owner: 'group:default/ml-team',
            component: 'component:default/support-assistant',
          },
        },
      ],
    }),
  },
];
