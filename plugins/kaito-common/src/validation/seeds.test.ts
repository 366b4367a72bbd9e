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

  it('fails only on the placeholder image the reader must replace', () => {
    expect(issues.filter(i => i.severity === 'error')).toEqual([
      {
        path: 'inference.adapters[0].source.image',
        severity: 'error',
        message: expect.stringContaining("'ACR_REPO_HERE.azurecr.io/ADAPTER_HERE:0.0.1' is not a valid image reference"),
      },
    ]);
  });

  it('passes on a simulated cluster, where the placeholder is only a warning', () => {
    const simulated = validateWorkspaceCreate(parsed.workspace, { cloud: 'azure', imageReferences: 'warn' });
    expect(simulated.ok).toBe(true);
    expect(simulated.issues).toContainEqual({
      path: 'inference.adapters[0].source.image',
      severity: 'warning',
      message: expect.stringContaining('will fail to pull on a real cluster'),
    });
  });

  it('passes once the placeholder is replaced', () => {
    const fixed = parseWorkspaceYaml(inferenceSeed.replace('ACR_REPO_HERE.azurecr.io/ADAPTER_HERE', 'myacr.azurecr.io/adapter'));
    expect(fixed.ok && validateWorkspaceCreate(fixed.workspace, { cloud: 'azure' }).ok).toBe(true);
  });
});
