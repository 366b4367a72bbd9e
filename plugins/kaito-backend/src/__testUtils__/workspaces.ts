import { Workspace } from '@kaito-backstage/plugin-kaito-common';

/** A phi-3-mini inference workspace, the smallest that provisions a GPU node. */
export function phiWorkspace(name: string, instanceType = 'Standard_NC24ads_A100_v4'): Workspace {
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name, namespace: 'default' },
    resource: { instanceType, labelSelector: { matchLabels: { apps: name } } },
    inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
  };
}
