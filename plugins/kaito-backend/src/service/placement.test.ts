import { ConfigReader } from '@backstage/config';
import { canonicalGroupRef, CanonicalEntityRef } from '@kaito-backstage/plugin-kaito-common';
import { placementFor, placementRefusal, readPlacementConfig, templatedNamespace } from './placement';

const group = (ref: string) => canonicalGroupRef(ref) as CanonicalEntityRef;
const read = (placement?: object) => readPlacementConfig(new ConfigReader(placement ? { placement } : {}));

describe('placement', () => {
  describe('with the default template', () => {
    const config = read();
    it('gives each team the namespace team-<group>', () => {
      expect(placementFor(config, group('group:default/ML-Team'))).toEqual({ namespaces: ['team-ml-team'] });
    });
    it.each([
      ['kube-system', /system namespace/],
      ['team-b', /may not use namespace team-b \(nor name its Secrets\); it may use team-ml-team/],
      ['default', /may not use namespace default/],
    ])('refuses %s to ml-team', (namespace, message) => {
      expect(placementRefusal(config, { group: group('group:default/ml-team'), cluster: 'local', namespace })).toMatch(message);
    });
    it('allows the team its own namespace on any cluster', () => {
      expect(placementRefusal(config, { group: group('group:default/ml-team'), cluster: 'any', namespace: 'team-ml-team' })).toBeUndefined();
    });
  });

  describe('with rules', () => {
    const config = read({
      namespaceTemplate: '{namespace}-{group}',
      rules: [
        { group: 'group:default/ML-TEAM', clusters: ['gpu-east'], namespaces: ['default'] },
        { group: 'group:default/ml-team', namespaces: ['ml-shared'] },
      ],
    });
    it('adds the rules namespaces and limits the clusters', () => {
      expect(placementFor(config, group('group:default/ml-team'))).toEqual({
        clusters: ['gpu-east'],
        namespaces: ['default-ml-team', 'default', 'ml-shared'],
      });
      expect(placementRefusal(config, { group: group('group:default/ml-team'), cluster: 'gpu-west', namespace: 'default' })).toMatch(
        /may not use cluster gpu-west; kaito.placement allows it gpu-east/,
      );
      expect(placementRefusal(config, { group: group('group:default/ml-team'), cluster: 'gpu-east', namespace: 'ml-shared' })).toBeUndefined();
    });
    it('gives other groups only their templated namespace', () => {
      expect(placementFor(config, group('group:default/team-b'))).toEqual({ namespaces: ['default-team-b'] });
    });
  });

  it('makes a DNS label of odd group names', () => {
    expect(templatedNamespace('team-{group}', group('group:default/Data_Science.EU'))).toBe('team-data-science-eu');
  });

  it('refuses a template without {group}, and a rule for a user', () => {
    expect(() => read({ namespaceTemplate: 'shared' })).toThrow(/has no \{group\}/);
    expect(() => read({ rules: [{ group: 'user:default/ann' }] })).toThrow(/rules\[0\].group: .*is a user, not a group/);
  });
});
