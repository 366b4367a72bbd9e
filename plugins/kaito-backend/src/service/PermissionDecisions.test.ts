import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { PermissionDecisions } from './PermissionDecisions';

const chat = createPermission({ name: 'kaito.workspace.chat', attributes: {}, resourceType: 'kaito-workspace' });
const read = createPermission({ name: 'kaito.workspace.read', attributes: { action: 'read' }, resourceType: 'kaito-workspace' });
const ann = mockCredentials.user('user:default/ann');
const bo = mockCredentials.user('user:default/bo');

/** A permissions service that counts the questions it is asked and answers ALLOW, or what `answer` says. */
function countingPermissions(answer: () => Promise<AuthorizeResult.ALLOW | AuthorizeResult.DENY> = async () => AuthorizeResult.ALLOW) {
  const asked: string[] = [];
  const permissions = mockServices.permissions.mock({
    async authorizeConditional(requests, options) {
      asked.push(`${(options.credentials.principal as { userEntityRef: string }).userEntityRef} ${requests[0].permission.name}`);
      const result = await answer();
      return requests.map(() => ({ result }));
    },
  });
  return { permissions, asked };
}

describe('PermissionDecisions', () => {
  it('asks once per caller and permission while the answer is kept', async () => {
    const { permissions, asked } = countingPermissions();
    const decisions = new PermissionDecisions(permissions, 10_000);
    for (let i = 0; i < 3; i++) expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.ALLOW });
    await decisions.conditional(ann, read);
    await decisions.conditional(bo, chat);
    expect(asked).toEqual(['user:default/ann kaito.workspace.chat', 'user:default/ann kaito.workspace.read', 'user:default/bo kaito.workspace.chat']);
  });

  it('asks once for questions that come while the first is on its way', async () => {
    const { permissions, asked } = countingPermissions();
    const decisions = new PermissionDecisions(permissions, 10_000);
    await Promise.all(Array.from({ length: 20 }, () => decisions.conditional(ann, chat)));
    expect(asked).toHaveLength(1);
  });

  it('asks again once the answer is older than its ttl', async () => {
    const { permissions, asked } = countingPermissions();
    const decisions = new PermissionDecisions(permissions, 40);
    await decisions.conditional(ann, chat);
    await new Promise(resolve => setTimeout(resolve, 80));
    await decisions.conditional(ann, chat);
    expect(asked).toHaveLength(2);
  });

  describe('an answer used when half its time old', () => {
    /** A clock the test moves, and a permission backend whose answers come when the test says, counted. */
    function slowBackend() {
      // lru-cache takes a time of 0 for "never set": the clock starts later.
      const clock = { at: 0, now: () => 10_000 + clock.at };
      const pending: Array<(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) => void> = [];
      const { permissions, asked } = countingPermissions(() => new Promise(resolve => pending.push(resolve)));
      const answerNext = async (result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) => {
        // Questions are sent a microtask after they are asked.
        await new Promise(resolve => setImmediate(resolve));
        pending.shift()!(result);
        await new Promise(resolve => setImmediate(resolve));
      };
      return { decisions: new PermissionDecisions(permissions, 1_000, clock), clock, asked, answerNext };
    }

    it('is asked for again in the background, so a caller who keeps asking never waits after the first', async () => {
      const { decisions, clock, asked, answerNext } = slowBackend();
      const first = decisions.conditional(ann, chat);
      await answerNext(AuthorizeResult.ALLOW);
      expect(await first).toEqual({ result: AuthorizeResult.ALLOW });
      clock.at = 400; // under half: kept as it is
      expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.ALLOW });
      expect(asked).toHaveLength(1);
      clock.at = 600; // half its time old: the kept answer now, a fresh one asked for
      expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.ALLOW });
      expect(asked).toHaveLength(2);
      // One background question at a time.
      await decisions.conditional(ann, chat);
      expect(asked).toHaveLength(2);
      await answerNext(AuthorizeResult.DENY);
      clock.at = 1_100; // past the first answer's time, within the fresh one's: no wait
      expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.DENY });
    });

    it('never lets an answer be used past its time: a fresh one counts from when it was asked', async () => {
      const { decisions, clock, asked, answerNext } = slowBackend();
      const first = decisions.conditional(ann, chat);
      await answerNext(AuthorizeResult.ALLOW);
      await first;
      clock.at = 600;
      await decisions.conditional(ann, chat); // asks in the background at 600
      clock.at = 900; // the fresh answer comes while the first is still kept (until 1,000)
      await answerNext(AuthorizeResult.DENY);
      clock.at = 1_650; // past the fresh answer's time (asked at 600, kept until 1,600): asked again, and waited on
      let answered = false;
      const third = decisions.conditional(ann, chat).then(answer => {
        answered = true;
        return answer;
      });
      await new Promise(resolve => setImmediate(resolve));
      expect(answered).toBe(false);
      expect(asked).toHaveLength(3);
      await answerNext(AuthorizeResult.ALLOW);
      expect(await third).toEqual({ result: AuthorizeResult.ALLOW });
    });

    it('drops a background answer that comes after its kept answer ran out and a newer one was asked for', async () => {
      const { decisions, clock, asked, answerNext } = slowBackend();
      const first = decisions.conditional(ann, chat);
      await answerNext(AuthorizeResult.ALLOW);
      await first;
      clock.at = 600;
      await decisions.conditional(ann, chat); // the background question, still unanswered
      clock.at = 1_100; // the kept answer ran out: this one asks and waits
      const newer = decisions.conditional(ann, chat);
      await new Promise(resolve => setImmediate(resolve));
      expect(asked).toHaveLength(3);
      await answerNext(AuthorizeResult.ALLOW); // the late background answer
      await answerNext(AuthorizeResult.DENY); // the newer question's
      expect(await newer).toEqual({ result: AuthorizeResult.DENY });
      expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.DENY });
      expect(asked).toHaveLength(3);
    });

    it('keeps its answer when the permission client throws at once in the background', async () => {
      const clock = { at: 0, now: () => 10_000 + clock.at };
      let calls = 0;
      const permissions = mockServices.permissions.mock({
        authorizeConditional: ((requests: unknown[]) => {
          if (++calls > 1) throw new Error('thrown, not rejected');
          return Promise.resolve(requests.map(() => ({ result: AuthorizeResult.ALLOW })));
        }) as any,
      });
      const decisions = new PermissionDecisions(permissions, 1_000, clock);
      await decisions.conditional(ann, chat);
      clock.at = 600;
      expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.ALLOW });
    });

    it('stays as it is when the background question fails, and runs out in its time', async () => {
      const clock = { at: 0, now: () => 10_000 + clock.at };
      let fail = false;
      const { permissions, asked } = countingPermissions(async () => {
        if (fail) throw new Error('permission backend unavailable');
        return AuthorizeResult.ALLOW;
      });
      const decisions = new PermissionDecisions(permissions, 1_000, clock);
      await decisions.conditional(ann, chat);
      fail = true;
      clock.at = 600;
      expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.ALLOW });
      await new Promise(resolve => setImmediate(resolve));
      clock.at = 700; // one try per kept answer
      expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.ALLOW });
      expect(asked).toHaveLength(2);
      clock.at = 1_001;
      await expect(decisions.conditional(ann, chat)).rejects.toThrow('permission backend unavailable');
    });
  });

  it('asks again for a new token of the same user (a new sign-in)', async () => {
    const { permissions, asked } = countingPermissions();
    const decisions = new PermissionDecisions(permissions, 10_000);
    const first = { ...ann, expiresAt: new Date(Date.now() + 3_600_000) };
    const renewed = { ...ann, expiresAt: new Date(Date.now() + 7_200_000) };
    await decisions.conditional(first, chat);
    await decisions.conditional(first, chat);
    await decisions.conditional(renewed, chat);
    expect(asked).toHaveLength(2);
  });

  it('keeps no failure: the next question asks again', async () => {
    let fail = true;
    const { permissions, asked } = countingPermissions(async () => {
      if (fail) throw new Error('permission backend unavailable');
      return AuthorizeResult.DENY;
    });
    const decisions = new PermissionDecisions(permissions, 10_000);
    await expect(decisions.conditional(ann, chat)).rejects.toThrow('permission backend unavailable');
    fail = false;
    expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.DENY });
    expect(asked).toHaveLength(2);
  });

  it('keeps the answers of a user, of a plugin acting for them, and of services apart', async () => {
    const { permissions, asked } = countingPermissions();
    const decisions = new PermissionDecisions(permissions, 10_000);
    await decisions.conditional(ann, chat);
    await decisions.conditional(mockCredentials.user('user:default/ann', { actor: { subject: 'plugin:scaffolder' } }), chat);
    await decisions.conditional(mockCredentials.service('plugin:catalog'), chat);
    await decisions.conditional(mockCredentials.service('plugin:catalog', { permissionNames: ['kaito.workspace.read'] }), chat);
    expect(asked).toHaveLength(4);
  });

  it.each([
    ['another plugin', { pluginId: 'catalog', resourceType: 'kaito-workspace' }],
    ['another resource type', { pluginId: 'kaito', resourceType: 'catalog-entity' }],
  ])('takes conditions meant for %s as a refusal: this plugin cannot apply them', async (_, target) => {
    const permissions = mockServices.permissions.mock({
      async authorizeConditional(requests) {
        return requests.map(() => ({ result: AuthorizeResult.CONDITIONAL, ...target, conditions: { rule: 'IS_WORKSPACE_OWNER', resourceType: target.resourceType, params: { claims: [] } } }) as any);
      },
    });
    expect(await new PermissionDecisions(permissions, 10_000).conditional(ann, chat)).toEqual({ result: AuthorizeResult.DENY });
  });

  it('takes no answer as a failure, and keeps none', async () => {
    let answers: unknown[] = [];
    const permissions = mockServices.permissions.mock({
      async authorizeConditional() {
        return answers as any;
      },
    });
    const decisions = new PermissionDecisions(permissions, 10_000);
    await expect(decisions.conditional(ann, chat)).rejects.toThrow('The permission backend gave no answer for kaito.workspace.chat');
    answers = [{ result: AuthorizeResult.ALLOW }];
    expect(await decisions.conditional(ann, chat)).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('asks every time with a ttl of 0', async () => {
    const { permissions, asked } = countingPermissions();
    const decisions = new PermissionDecisions(permissions, 0);
    await decisions.conditional(ann, chat);
    await decisions.conditional(ann, chat);
    expect(asked).toHaveLength(2);
  });
});
