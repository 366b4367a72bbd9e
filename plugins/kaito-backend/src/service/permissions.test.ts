import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { kaitoWorkspaceReadPermission } from '@kaito-backstage/plugin-kaito-common';
import { createKaitoWorkspaceConditionalDecision, kaitoWorkspaceConditions } from './permissions';

describe('kaito-workspace condition exports', () => {
  it('builds a rule condition from its params', () => {
    expect(kaitoWorkspaceConditions.isOnCluster({ clusters: ['prod'] })).toEqual({
      rule: 'IS_ON_CLUSTER',
      resourceType: 'kaito-workspace',
      params: { clusters: ['prod'] },
    });
  });

  it('wraps conditions in a conditional decision of the kaito plugin', () => {
    const condition = kaitoWorkspaceConditions.isWorkspaceOwner({ claims: ['group:default/ml-team'] });
    expect(createKaitoWorkspaceConditionalDecision(kaitoWorkspaceReadPermission, condition)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'kaito',
      resourceType: 'kaito-workspace',
      conditions: condition,
    });
  });
});
