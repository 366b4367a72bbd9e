import { parseWorkspaceYaml } from '../schema/parseWorkspaceYaml';
import { validateWorkspaceCreate } from './validateWorkspaceCreate';

const inferenceSeed = `apiVersion: kaito.sh/v1alpha1
kind: Workspace
metadata:
  name: workspace-phi-3-mini-adapter
resource:
  instanceType: "Standard_NC6s_v3"
  labelSelector:
    matchLabels:
      apps: phi-3-adapter
inference:
  preset:
    name: phi-3-mini-128k-instruct
  adapters:
    - source:
        name: "phi-3-adapter"
        image: "ACR_REPO_HERE.azurecr.io/ADAPTER_HERE:0.0.1"
      strength: "1.0"
`;

describe('when validating the Kaito quick-start workspace as written', () => {
  const parsed = parseWorkspaceYaml(inferenceSeed);
  if (!parsed.ok) throw new Error('seed must parse');
  const { issues } = validateWorkspaceCreate(parsed.workspace, { cloud: 'azure' });

  it('accepts Standard_NC6s_v3 with a warning that names why and what to use instead', () => {
    expect(issues).toContainEqual({
      path: 'resource.instanceType',
      severity: 'warning',
      message: expect.stringContaining('Standard_NC6s_v3 (V100) was removed from Kaito'),
    });
  });

  const strengthRefusal = {
    path: 'inference.adapters[0].strength',
    severity: 'error',
    message: expect.stringMatching(/^Runtime validation: vLLM does not support adapter strength; /),
  };

  // Kaito v0.12's webhook refuses any adapter strength on vLLM, the default runtime, so this
  // quick start is refused as written on a v0.12 cluster too.
  it('fails on the placeholder image and on the strength vLLM does not support', () => {
    expect(issues.filter(i => i.severity === 'error')).toEqual([
      {
        path: 'inference.adapters[0].source.image',
        severity: 'error',
        message: expect.stringContaining("'ACR_REPO_HERE.azurecr.io/ADAPTER_HERE:0.0.1' is not a valid image reference"),
      },
      strengthRefusal,
    ]);
  });

  it('is refused on a simulated cluster, where the placeholder is only a warning, for the strength alone', () => {
    const simulated = validateWorkspaceCreate(parsed.workspace, { cloud: 'azure', imageReferences: 'warn' });
    expect(simulated.ok).toBe(false);
    expect(simulated.issues.filter(i => i.severity === 'error')).toEqual([strengthRefusal]);
    expect(simulated.issues).toContainEqual({
      path: 'inference.adapters[0].source.image',
      severity: 'warning',
      message: expect.stringContaining('will fail to pull on a real cluster'),
    });
  });

  it.each([
    ['the strength is removed', (yaml: string) => yaml.replace('      strength: "1.0"\n', '')],
    [
      'the workspace selects the transformers runtime',
      (yaml: string) => yaml.replace('  name: workspace-phi-3-mini-adapter\n', '  name: workspace-phi-3-mini-adapter\n  annotations:\n    kaito.sh/runtime: transformers\n'),
    ],
  ])('passes once the placeholder is replaced and %s', (_name, fix) => {
    const fixed = parseWorkspaceYaml(fix(inferenceSeed.replace('ACR_REPO_HERE.azurecr.io/ADAPTER_HERE', 'myacr.azurecr.io/adapter')));
    if (!fixed.ok) throw new Error('the fixed seed must parse');
    expect(validateWorkspaceCreate(fixed.workspace, { cloud: 'azure' })).toMatchObject({ ok: true });
  });
});
