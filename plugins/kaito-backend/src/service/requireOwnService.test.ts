import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { requireOwnService } from './requireOwnService';

const workspace = { metadata: { name: 'kubernetes', namespace: 'default', uid: 'ws-uid' } } as Workspace;
const service = (ownerReferences?: object[]) => ({ kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', ownerReferences } }) as any;

describe('requireOwnService', () => {
  it('accepts a Service whose controller owner reference is the workspace', () => {
    expect(() =>
      requireOwnService(service([{ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', name: 'kubernetes', uid: 'ws-uid', controller: true }]), workspace),
    ).not.toThrow();
  });

  it.each([
    ['the API server Service with no owner', service(undefined), 'Service default/kubernetes does not belong to workspace default/kubernetes (it has no controller owner reference)'],
    ['an owner reference with our uid that is not the controller', service([{ kind: 'Workspace', name: 'kubernetes', uid: 'ws-uid' }]), 'it has no controller owner reference'],
    ['a Service another object controls', service([{ kind: 'Deployment', name: 'proxy', uid: 'other', controller: true }]), 'it is controlled by Deployment proxy'],
    ['no Service at all', undefined, 'has no Service default/kubernetes of its own yet'],
  ])('refuses %s with a 409', (_what, object, message) => {
    expect(() => requireOwnService(object, workspace)).toThrow(expect.objectContaining({ name: 'ConflictError', message: expect.stringContaining(message) }));
  });

  it('refuses when the workspace has no uid to compare with', () => {
    const noUid = { metadata: { name: 'kubernetes', namespace: 'default' } } as Workspace;
    expect(() => requireOwnService(service([{ kind: 'Workspace', name: 'kubernetes', uid: undefined, controller: true }]), noUid)).toThrow(
      'does not belong to workspace',
    );
  });
});
