import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readKaitoConfig } from './config';

const read = (kaito: JsonObject) => readKaitoConfig(new ConfigReader({ kaito }));

describe('readKaitoConfig', () => {
  describe('when nothing is configured', () => {
    it('manages no cluster (no implicit simulator) and applies the documented defaults', () => {
      const config = readKaitoConfig(new ConfigReader({}));
      expect(config.clusters).toEqual([]);
      expect(config.controller).toEqual({
        workers: 5,
        releaseTuningNodesAfterSeconds: 60,
        leaderElection: {
          enabled: true,
          namespace: 'kaito-backstage',
          leaseName: 'kaito-backstage-controller',
          leaseDurationSeconds: 15,
          renewDeadlineSeconds: 10,
        },
      });
      expect(config.images.presetRegistry).toBe('mcr.microsoft.com/aks/kaito');
    });
  });

  it('keeps tuning nodes when kaito.controller.tuning.releaseNodesAfterSeconds is false', () => {
    expect(read({ controller: { tuning: { releaseNodesAfterSeconds: false } } }).controller.releaseTuningNodesAfterSeconds).toBeUndefined();
    expect(read({ controller: { tuning: { releaseNodesAfterSeconds: 0 } } }).controller.releaseTuningNodesAfterSeconds).toBe(0);
  });

  it('reads a real cluster entry like the kubernetes plugin one', () => {
    const config = read({
      clusters: [
        {
          name: 'aks-prod',
          url: 'https://aks.example.com',
          serviceAccountToken: 't',
          caData: 'Y2E=',
          mode: 'observe',
        },
      ],
    });
    expect(config.clusters[0]).toMatchObject({
      name: 'aks-prod',
      type: 'config',
      authProvider: 'serviceAccount',
      mode: 'observe',
      url: 'https://aks.example.com',
    });
  });

  it.each([
    [
      'a missing url',
      { clusters: [{ name: 'a' }] },
      "kaito.clusters[0] (a): 'url' is required for authProvider serviceAccount",
    ],
    [
      'a bad mode',
      { clusters: [{ name: 'a', url: 'https://x', mode: 'watch' }] },
      "Invalid config kaito.clusters[0].mode 'watch'; use one of: builtin, observe",
    ],
    [
      'a duplicate name',
      { clusters: [{ name: 'a', type: 'simulator' }, { name: 'a', type: 'simulator' }] },
      "the name 'a' is used twice",
    ],
    [
      'an invalid name',
      { clusters: [{ name: 'Prod_1', type: 'simulator' }] },
      'name must be lowercase letters, digits',
    ],
    [
      'a renew interval longer than the lease',
      { controller: { leaderElection: { leaseDurationSeconds: 5, renewDeadlineSeconds: 10 } } },
      'renewDeadlineSeconds (10) must be less than leaseDurationSeconds (5)',
    ],
    ['zero workers', { controller: { workers: 0 } }, 'kaito.controller.workers must be a whole number'],
    [
      'a negative tuning node release',
      { controller: { tuning: { releaseNodesAfterSeconds: -1 } } },
      'kaito.controller.tuning.releaseNodesAfterSeconds must be a whole number of seconds (0 or more) or false, got -1',
    ],
    [
      'a quota for something that is not a group',
      { quotas: { groups: [{ group: 'ml-team', maxGpus: 4 }] } },
      "'ml-team' is not a group entity ref; write it as group:<namespace>/<name>",
    ],
    [
      'a price that is negative',
      { pricing: { perHour: { Standard_NV36ads_A10_v5: -1 } } },
      'kaito.pricing.perHour',
    ],
  ])('rejects %s with a message that names the key', (_, kaito, message) => {
    expect(() => read(kaito)).toThrow(message);
  });
});

describe('readKaitoConfig chat and audit limits', () => {
  it('has the documented defaults', () => {
    const config = read({});
    expect(config.chat).toMatchObject({
      requestsPerMinute: 30,
      maxConcurrentStreamsPerUser: 2,
      upstreamFirstByteTimeoutMs: 120_000,
      upstreamIdleTimeoutMs: 30_000,
      history: { maxMessages: 200, maxMessageChars: 32_000 },
    });
    expect(config.audit).toEqual({ retentionDays: 90 });
  });

  it.each([
    [{ chat: { maxConcurrentStreamsPerUser: 0 } }, "Invalid config kaito.chat.maxConcurrentStreamsPerUser '0'; use a whole number of at least 1"],
    [{ chat: { upstreamIdleTimeoutMs: 1.5 } }, "Invalid config kaito.chat.upstreamIdleTimeoutMs '1.5'"],
    [{ audit: { retentionDays: -3 } }, "Invalid config kaito.audit.retentionDays '-3'"],
    [{ chat: { history: { maxMessages: 0 } } }, "Invalid config kaito.chat.history.maxMessages '0'; use a whole number of at least 1"],
    [{ chat: { history: { maxMessageChars: 10.5 } } }, "Invalid config kaito.chat.history.maxMessageChars '10.5'"],
  ])('refuses %o', (kaito, message) => {
    expect(() => read(kaito)).toThrow(message);
  });
});

describe('readKaitoConfig permission decisions', () => {
  it.each([
    [{}, 10_000],
    [{ permissions: { decisionCacheSeconds: 0 } }, 0],
    [{ permissions: { decisionCacheSeconds: 300 } }, 300_000],
  ])('keeps the policy\'s answers for %o: %d ms', (kaito, ms) => {
    expect(read(kaito).permissions).toEqual({ decisionCacheMs: ms });
  });

  it.each([-1, 1.5, 301])('refuses decisionCacheSeconds %p, naming the range', seconds => {
    expect(() => read({ permissions: { decisionCacheSeconds: seconds } })).toThrow(
      `Invalid config kaito.permissions.decisionCacheSeconds '${seconds}'; use a whole number of seconds from 0 (ask the permission policy every time) to 300`,
    );
  });
});

describe('readKaitoConfig quotas and placement', () => {
  it('gives groups not listed the documented default quota and each team its templated namespace', () => {
    const config = read({});
    expect(config.quotas.default).toEqual({ maxGpus: 2, maxWorkspaces: 2 });
    expect(config.placement).toEqual({ namespaceTemplate: 'team-{group}', rules: [] });
  });

  it('keys quotas by the canonical group ref, so another case of a group is the same group', () => {
    const config = read({ quotas: { groups: [{ group: 'group:default/ML-TEAM', maxGpus: 8 }] } });
    expect(config.quotas.groups).toEqual({ 'group:default/ml-team': { maxGpus: 8, maxWorkspaces: undefined } });
  });

  it('refuses a user as a quota group', () => {
    expect(() => read({ quotas: { groups: [{ group: 'user:default/guest', maxGpus: 8 }] } })).toThrow('is a user, not a group');
  });
});

describe('readKaitoConfig security', () => {
  it('refuses unresolvable data URLs and never trusts remote code by default', () => {
    expect(read({}).security).toEqual({ unresolvableDataUrls: 'refuse', allowTrustRemoteCode: false });
  });

  it('reads both switches', () => {
    expect(read({ security: { unresolvableDataUrls: 'warn', allowTrustRemoteCode: true } }).security).toEqual({
      unresolvableDataUrls: 'warn',
      allowTrustRemoteCode: true,
    });
  });

  it('names the allowed values of a bad setting', () => {
    expect(() => read({ security: { unresolvableDataUrls: 'ignore' } })).toThrow(
      "Invalid config kaito.security.unresolvableDataUrls 'ignore'; use one of: refuse, warn",
    );
  });
});

describe('readKaitoConfig portal', () => {
  it('links to the LLM workspaces page at /kaito unless kaito.portal.workspacesPath moves it', () => {
    expect(read({}).portal).toEqual({ workspacesPath: '/kaito' });
    expect(read({ portal: { workspacesPath: '/ai/llm' } }).portal).toEqual({ workspacesPath: '/ai/llm' });
  });

  it('refuses a workspacesPath that is no app path, saying how to write it', () => {
    expect(() => read({ portal: { workspacesPath: 'https://portal.example.com/kaito' } })).toThrow(
      "kaito.portal.workspacesPath: 'https://portal.example.com/kaito' is not an app path; write the path the app mounts the LLM workspaces page at, starting with one '/', e.g. /kaito or /ai/llm",
    );
  });
});
