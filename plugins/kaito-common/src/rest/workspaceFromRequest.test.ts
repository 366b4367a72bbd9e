import { parseWorkspace } from '../schema/parseWorkspace';
import { validateWorkspaceCreate } from '../validation/validateWorkspaceCreate';
import { toLabelValue, workspaceFromRequest } from './workspaceFromRequest';

const base = {
  cluster: 'local',
  namespace: 'default',
  name: 'support-phi',
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NV36ads_A10_v5',
  owner: 'group:default/ml-team',
};

describe('workspaceFromRequest', () => {
  it('makes an inference workspace with owner, requester and entity as annotations', () => {
    const ws = workspaceFromRequest({ ...base, entityRef: 'component:default/support-assistant' }, 'user:default/guest');
    expect(ws).toMatchObject({
      apiVersion: 'kaito.sh/v1beta1',
      metadata: {
        name: 'support-phi',
        namespace: 'default',
        labels: { 'backstage.kaito.sh/owner': 'group-default-ml-team' },
        annotations: {
          'backstage.kaito.sh/owner': 'group:default/ml-team',
          'backstage.kaito.sh/requested-by': 'user:default/guest',
          'backstage.kaito.sh/entity-ref': 'component:default/support-assistant',
        },
      },
      resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { apps: 'support-phi' } } },
      inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
    });
    expect(ws.tuning).toBeUndefined();
  });

  it('makes a tuning workspace from URLs', () => {
    const ws = workspaceFromRequest({
      ...base,
      tuning: { method: 'qlora', inputUrls: ['https://example.com/d.parquet'], outputImage: 'myacr.azurecr.io/a:1', outputImagePushSecret: 'push' },
    });
    expect(ws.tuning).toEqual({
      preset: { name: 'phi-3-mini-4k-instruct' },
      method: 'qlora',
      input: { urls: ['https://example.com/d.parquet'] },
      output: { image: 'myacr.azurecr.io/a:1', imagePushSecret: 'push' },
    });
    expect(ws.inference).toBeUndefined();
  });

  it('serves adapters and uses the node selector for bring-your-own nodes', () => {
    const ws = workspaceFromRequest({
      ...base,
      instanceType: undefined,
      nodeSelector: { pool: 'gpu' },
      adapters: [{ name: 'support-tone', image: 'myacr.azurecr.io/adapters/tone:1', strength: '0.5' }],
    });
    expect(ws.resource).toEqual({ labelSelector: { matchLabels: { pool: 'gpu' } } });
    expect(ws.inference?.adapters).toEqual([
      { source: { name: 'support-tone', image: 'myacr.azurecr.io/adapters/tone:1' }, strength: '0.5' },
    ]);
  });

  it('produces workspaces that parse and validate', () => {
    const parsed = parseWorkspace(workspaceFromRequest(base));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(validateWorkspaceCreate(parsed.workspace, { cloud: 'azure' }).issues).toEqual([]);
  });

  it.each([
    ['group:default/ml-team', 'group-default-ml-team'],
    ['user:default/Jane.Doe', 'user-default-jane.doe'],
    ['--x--', 'x'],
    [`group:default/${'a'.repeat(80)}`, `group-default-${'a'.repeat(49)}`],
    ['group:default/ml.-team.', 'group-default-ml.-team'],
    ['..__--', ''],
  ])('turns %s into the label value %s', (input, expected) => {
    expect(toLabelValue(input)).toBe(expected);
  });

  // Once a backtracking trim: a run of dots before a letter took ~1 s at 40,000 dots.
  it.each([
    ['40,000 dots', `group:default/${'.'.repeat(40_000)}`, 'group-default'],
    ['40,000 dots and a letter', `group:default/${'.'.repeat(40_000)}x`, 'group-default'],
    ['40,000 separators and a letter', `group:default/${':'.repeat(40_000)}x`, 'group-default-x'],
  ])('makes a label value from %s in one pass', (_, input, expected) => {
    expect(toLabelValue(input)).toBe(expected);
  });
});
