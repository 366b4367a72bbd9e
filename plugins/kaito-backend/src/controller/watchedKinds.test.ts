import { controllerPermissionsFor } from '@kaito-backstage/plugin-kaito-common';
import { WATCHED_KINDS, WatchContext, isRequiredKind, kindsToWatch } from './watchedKinds';

const contexts: WatchContext[] = (['builtin', 'observe'] as const).flatMap(mode =>
  (['gpu-provisioner', 'karpenter', 'byo'] as const).map(provisioner => ({ mode, provisioner })),
);

describe('kindsToWatch', () => {
  it.each([
    ['builtin', 'gpu-provisioner', ['Workspace', 'InferenceSet', 'Node', 'StatefulSet', 'Job', 'Pod', 'Event', 'NodeClaim', 'Service', 'ConfigMap', 'ControllerRevision', 'Deployment']],
    ['builtin', 'karpenter', ['Workspace', 'InferenceSet', 'Node', 'StatefulSet', 'Job', 'Pod', 'Event', 'NodeClaim', 'Service', 'ConfigMap', 'ControllerRevision', 'Deployment', 'NodePool']],
    ['builtin', 'byo', ['Workspace', 'InferenceSet', 'Node', 'StatefulSet', 'Job', 'Pod', 'Event', 'Service', 'ConfigMap', 'ControllerRevision', 'Deployment']],
    ['observe', 'gpu-provisioner', ['Workspace', 'InferenceSet', 'Node', 'StatefulSet', 'Job', 'Pod', 'Event', 'NodeClaim']],
    ['observe', 'karpenter', ['Workspace', 'InferenceSet', 'Node', 'StatefulSet', 'Job', 'Pod', 'Event', 'NodeClaim']],
    ['observe', 'byo', ['Workspace', 'InferenceSet', 'Node', 'StatefulSet', 'Job', 'Pod', 'Event']],
  ] as const)('%s mode with %s watches %j', (mode, provisioner, kinds) => {
    expect(kindsToWatch({ mode, provisioner })).toEqual(kinds);
  });

  it.each(contexts)('has list and watch granted by the permission table for every kind it watches ($mode, $provisioner)', context => {
    const rows = controllerPermissionsFor({ ...context, installCrds: false, leaderElection: true });
    for (const kind of kindsToWatch(context)) {
      const [group, version] = WATCHED_KINDS[kind].apiVersion.includes('/') ? WATCHED_KINDS[kind].apiVersion.split('/') : ['', 'v1'];
      expect(version).toBeTruthy();
      const resource = WATCHED_KINDS[kind].path.split('/').pop();
      for (const verb of ['list', 'watch'] as const) {
        expect({ kind, verb, granted: rows.some(r => r.group === group && r.resource === resource && !r.subresource && r.verbs.includes(verb)) }).toEqual({
          kind,
          verb,
          granted: true,
        });
      }
    }
  });
});

describe('isRequiredKind', () => {
  it('requires NodeClaims for gpu-provisioner and NodePools for karpenter in builtin mode only', () => {
    expect(isRequiredKind('NodeClaim', { mode: 'builtin', provisioner: 'gpu-provisioner' })).toBe(true);
    expect(isRequiredKind('NodeClaim', { mode: 'builtin', provisioner: 'karpenter' })).toBe(false);
    expect(isRequiredKind('NodePool', { mode: 'builtin', provisioner: 'karpenter' })).toBe(true);
    expect(isRequiredKind('NodeClaim', { mode: 'observe', provisioner: 'gpu-provisioner' })).toBe(false);
  });
});
