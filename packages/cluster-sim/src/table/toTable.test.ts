import { resourceTypeFromCrd } from '../registry/ResourceRegistry';
import { workspaceCrd } from '@kaito-backstage/plugin-kaito-common';
import { KubeObject } from '../types';
import { evaluateJsonPath } from './jsonPath';
import { humanAge, toTable } from './toTable';

describe('evaluateJsonPath', () => {
  const object = {
    metadata: { labels: { 'node.kubernetes.io/instance-type': 'Standard_NC24ads_A100_v4' } },
    status: { conditions: [{ type: 'ResourceReady', status: 'True' }, { type: 'InferenceReady', status: 'False' }] },
  };
  it.each([
    ['.status.conditions[?(@.type=="InferenceReady")].status', ['False']],
    ['.status.conditions[0].type', ['ResourceReady']],
    ['.status.conditions[*].status', ['True', 'False']],
    ['.metadata.labels.node\\.kubernetes\\.io/instance-type', ['Standard_NC24ads_A100_v4']],
    ['.status.missing', []],
  ])('evaluates %s', (path, expected) => {
    expect(evaluateJsonPath(object, path)).toEqual(expected);
  });
});

describe('toTable', () => {
  describe('when the resource is a CRD with printer columns', () => {
    it('prints Name then the version\'s columns, with dates as ages', () => {
      const type = resourceTypeFromCrd(workspaceCrd as unknown as KubeObject);
      const now = Date.parse('2026-01-01T00:10:00Z');
      const table = toTable(type, 'v1beta1', 'workspaces.kaito.sh', [
        {
          metadata: { name: 'ws', creationTimestamp: '2026-01-01T00:00:00Z' },
          resource: { instanceType: 'Standard_NC24ads_A100_v4' },
          status: { conditions: [{ type: 'ResourceReady', status: 'True' }], targetNodeCount: 1, state: 'Running' },
        },
      ], {}, now);
      expect(table.columnDefinitions.map(c => c.name)).toEqual([
        'Name', 'Instance', 'ResourceReady', 'InferenceReady', 'JobStarted', 'WorkspaceSucceeded', 'TargetNodeCount', 'State', 'Age',
      ]);
      expect(table.rows[0].cells).toEqual(['ws', 'Standard_NC24ads_A100_v4', 'True', null, null, null, 1, 'Running', '10m']);
    });
  });

  it.each([
    [30, '30s'],
    [150, '2m30s'],
    [3 * 3600, '3h0m'],
    [3 * 86400, '3d0h'],
  ])('prints an age of %i seconds as %s', (seconds, expected) => {
    expect(humanAge('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:00:00Z') + seconds * 1000)).toBe(expected);
  });
});
