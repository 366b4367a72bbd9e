import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { BackstageUserInfo } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/** Groups and components of the tests' organisation: ml-team (support-assistant), small-team, team-b (billing). */
export const testOrgEntities: Entity[] = [
  group('ml-team'),
  group('small-team'),
  group('team-b'),
  group('platform-admins'),
  component('support-assistant', 'ml-team'),
  component('billing', 'group:default/team-b'),
];

/** Who belongs to which groups; the default mock user is in ml-team and small-team. */
export const testOrgMembers: Record<string, string[]> = {
  'user:default/mock': ['group:default/ml-team', 'group:default/small-team'],
  'user:default/alice': ['group:default/ml-team'],
  'user:default/bob': ['group:default/team-b'],
  'user:default/root': ['group:default/platform-admins'],
};

/** The catalog and userInfo services of the tests' organisation, for startTestBackend's features. */
export function testOrgServices() {
  return [
    catalogServiceMock.factory({ entities: testOrgEntities }),
    mockServices.userInfo.mock({
      async getUserInfo(credentials): Promise<BackstageUserInfo> {
        const principal = credentials.principal as { type: string; userEntityRef?: string };
        if (principal.type !== 'user' || !principal.userEntityRef) throw new Error(`no user info for a ${principal.type} principal`);
        const ref = principal.userEntityRef;
        return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(testOrgMembers[ref] ?? [])] };
      },
    }).factory,
  ];
}
