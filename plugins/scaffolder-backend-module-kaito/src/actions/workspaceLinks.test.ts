import { workspaceEntityName } from '@kaito-backstage/plugin-kaito-common';
import { workspaceLinks } from './workspaceLinks';

describe('workspaceLinks', () => {
  it('gives the key, the Resource entity and its Kaito tab', () => {
    expect(workspaceLinks({ cluster: 'local', namespace: 'default', name: 'support-phi-3' })).toEqual({
      workspaceRef: 'local/default/support-phi-3',
      entityRef: 'resource:default/local-default-support-phi-3',
      tabUrl: '/catalog/default/resource/local-default-support-phi-3/kaito',
      detailUrl: '/kaito/local/default/support-phi-3',
    });
  });

  it('puts the detail page under the LLM workspaces page where the app mounts it', () => {
    expect(workspaceLinks({ cluster: 'local', namespace: 'default', name: 'support-phi-3' }, '/ai/llm').detailUrl).toBe('/ai/llm/local/default/support-phi-3');
  });
});

describe('workspaceEntityName', () => {
  it.each([
    { cluster: 'local', expected: 'local-default-phi' },
    { cluster: 'Prod.West_EU', expected: 'prod-west-eu-default-phi' },
  ])('names a workspace on cluster $cluster $expected', ({ cluster, expected }) => {
    expect(workspaceEntityName({ cluster, namespace: 'default', name: 'phi' })).toBe(expected);
  });

  it('keeps long names within 63 characters and tells them apart by a hash', () => {
    const long = (name: string) => workspaceEntityName({ cluster: 'production-westeurope', namespace: 'machine-learning', name });
    const first = long('support-assistant-phi-3-mini-tuned-v1');
    const second = long('support-assistant-phi-3-mini-tuned-v2');

    expect(first.length).toBeLessThanOrEqual(63);
    expect(first).toMatch(/^production-westeurope-machine-learning-support-assista-[0-9a-z]+$/);
    expect(first).not.toBe(second);
  });
});
