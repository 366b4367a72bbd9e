import { renderWorkspaceChildren, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { KubeObject } from '../types';
import { inferenceTargetOf } from './inferencePod';

/** A pod of the StatefulSet Kaito's rendering gives the workspace, as the simulated kubelet sees it. */
function podOf(workspace: Workspace, runtime?: 'transformers'): KubeObject {
  const ws: Workspace = runtime ? { ...workspace, metadata: { ...workspace.metadata, annotations: { 'kaito.sh/runtime': runtime } } } : workspace;
  const sts = renderWorkspaceChildren(ws, { cloud: 'azure', provisioner: 'gpu-provisioner' }).statefulSet!;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${ws.metadata.name}-0`, labels: sts.spec.template.metadata?.labels }, spec: sts.spec.template.spec } as unknown as KubeObject;
}

const workspace = (preset: string, adapters: string[] = []): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'ws', namespace: 'default' },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'ws' } } },
  inference: { preset: { name: preset }, adapters: adapters.map(name => ({ source: { name, image: `myacr.azurecr.io/${name}:1` } })) },
});

describe('inferenceTargetOf', () => {
  it.each([
    ['mistral-7b-instruct', 'mistral-7b-instruct-v0.3'],
    ['gemma-3-4b-instruct', 'gemma-3-4b-it'],
    ['deepseek-r1-distill-llama-8b', 'deepseek-r1-distill-llama-8b'],
    ['mistralai/Ministral-3-8B-Instruct-2512', 'ministral-3-8b-instruct-2512'],
  ])('serves the vLLM pod of %s under its served name %s', (preset, served) => {
    expect(inferenceTargetOf(podOf(workspace(preset)))).toMatchObject({ runtime: 'vllm', model: served, port: 5000 });
  });

  it('serves the transformers pod under its served name', () => {
    expect(inferenceTargetOf(podOf(workspace('phi-3-mini-4k-instruct'), 'transformers'))).toMatchObject({ runtime: 'transformers', model: 'phi-3-mini-4k-instruct' });
  });

  it("serves each adapter under the adapter's name", () => {
    expect(inferenceTargetOf(podOf(workspace('phi-3-mini-128k-instruct', ['support-tone', 'legal'])))?.adapters).toEqual(['support-tone', 'legal']);
  });
});
