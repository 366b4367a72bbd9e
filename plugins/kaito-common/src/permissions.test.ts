import { isResourcePermission } from '@backstage/plugin-permission-common';
import { KAITO_WORKSPACE_RESOURCE_TYPE, kaitoPermissions } from './permissions';

describe('kaitoPermissions', () => {
  it.each([
    ['kaito.workspace.read', 'read', true],
    ['kaito.workspace.create', 'create', true],
    ['kaito.workspace.update', 'update', true],
    ['kaito.workspace.delete', 'delete', true],
    ['kaito.workspace.chat', undefined, true],
  ])('defines %s (action %s, resource permission: %s)', (name, action, isResource) => {
    const permission = kaitoPermissions.find(p => p.name === name);
    expect(permission?.attributes.action).toBe(action);
    expect(isResourcePermission(permission!, KAITO_WORKSPACE_RESOURCE_TYPE)).toBe(isResource);
  });
});
