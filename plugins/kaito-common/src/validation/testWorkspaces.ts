import { Workspace } from '../api/workspace';

/** Test helpers: a valid inference and a valid tuning workspace. @internal */
export function inferenceWorkspace(change: (ws: Workspace) => void = () => {}): Workspace {
  const ws: Workspace = {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name: 'ws-phi', namespace: 'team-a' },
    resource: {
      instanceType: 'Standard_NC24ads_A100_v4',
      labelSelector: { matchLabels: { apps: 'phi' } },
    },
    inference: { preset: { name: 'phi-4-mini-instruct' } },
  };
  change(ws);
  return ws;
}

/** @internal */
export function tuningWorkspace(change: (ws: Workspace) => void = () => {}): Workspace {
  const ws: Workspace = {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name: 'ws-tune', namespace: 'team-a' },
    resource: {
      instanceType: 'Standard_NC24ads_A100_v4',
      labelSelector: { matchLabels: { apps: 'tune' } },
    },
    tuning: {
      preset: { name: 'phi-3-mini-128k-instruct' },
      method: 'qlora',
      input: { urls: ['https://huggingface.co/datasets/x/resolve/main/train.parquet'] },
      output: { image: 'myacr.azurecr.io/adapters/phi-3:0.0.1', imagePushSecret: 'acr-push' },
    },
  };
  change(ws);
  return ws;
}
