import { ValidationContext } from '../validation/validationContext';
import { InferenceSet } from './inferenceSet';
import { phiInferenceSet } from './testInferenceSets';
import { validateInferenceSetCreate, validateInferenceSetUpdate } from './validateInferenceSet';

const nap: ValidationContext = { cloud: 'azure' };
const byo: ValidationContext = { cloud: 'azure', nodeAutoProvisioning: false, featureGates: { enableMIG: true } };

const errorsOf = (set: InferenceSet, context: ValidationContext) =>
  validateInferenceSetCreate(set, context).issues.filter(issue => issue.severity !== 'warning');

describe('validateInferenceSetCreate', () => {
  it('accepts Kaito\'s phi-4-mini example with node auto-provisioning', () => {
    expect(validateInferenceSetCreate(phiInferenceSet(), nap)).toEqual({ ok: true, issues: [] });
  });

  it.each<[string, InferenceSet, ValidationContext, string, RegExp]>([
    ['negative replicas', phiInferenceSet(s => (s.spec.replicas = -1)), nap, 'spec.replicas', /must be non-negative/],
    ['a name that is no DNS label', phiInferenceSet(s => (s.metadata.name = 'Phi_4')), nap, 'metadata.name', /not a valid name/],
    ['no instance type with NAP', phiInferenceSet(s => (s.spec.template.resource = {})), nap, 'spec.template.resource.instanceType', /^missing field\(s\)/],
    ['an instance type on BYO nodes', phiInferenceSet(), byo, 'spec.template.resource.instanceType', /instanceType must be empty when nodeProvisioner is byo/],
    ['an unknown SKU (child rule)', phiInferenceSet(s => (s.spec.template.resource = { instanceType: 'acme.gpu-9000' })), nap, 'spec.template.resource.instanceType', /Unsupported instance type acme.gpu-9000/],
    ['an unknown preset (child rule)', phiInferenceSet(s => (s.spec.template.inference = { preset: { name: 'no-such-model' } })), nap, 'spec.template.inference.preset.name', /./],
    ['a partition with NAP (child rule)', phiInferenceSet(s => (s.spec.template.resource!.partition = { mode: 'mig', profile: '2g.24gb' })), nap, 'spec.template.resource.partition', /^GPU partitioning is only supported with BYO nodes/],
    ['a selector of reserved keys only (child rule)', phiInferenceSet(s => (s.spec.labelSelector = { matchLabels: { 'kaito.sh/workspace': 'x' } })), nap, 'spec.labelSelector.matchLabels', /./],
    ['a bad cron line', phiInferenceSet(s => (s.spec.autoUpgrade = { maintenanceWindow: { schedule: '0 25 * * *' } })), nap, 'spec.autoUpgrade.maintenanceWindow.schedule', /invalid cron expression: hour 25 is out of range/],
    ['a cron line of four fields', phiInferenceSet(s => (s.spec.autoUpgrade = { maintenanceWindow: { schedule: '0 2 * *' } })), nap, 'spec.autoUpgrade.maintenanceWindow.schedule', /expected exactly 5 fields/],
    ['an empty schedule', phiInferenceSet(s => (s.spec.autoUpgrade = { maintenanceWindow: { schedule: '' } })), nap, 'spec.autoUpgrade.maintenanceWindow.schedule', /^missing field\(s\)/],
    ['a zero duration', phiInferenceSet(s => (s.spec.autoUpgrade = { maintenanceWindow: { schedule: '0 2 * * 6', duration: '0s' } })), nap, 'spec.autoUpgrade.maintenanceWindow.duration', /must be a positive duration/],
  ])('refuses %s', (_what, set, context, path, message) => {
    const issue = errorsOf(set, context).find(i => i.path.startsWith(path));
    expect(issue?.message).toMatch(message);
  });

  it('reports a missing instance type once, not again for the child', () => {
    const errors = errorsOf(phiInferenceSet(s => (s.spec.template.resource = {})), nap);
    expect(errors.filter(issue => issue.path.endsWith('instanceType'))).toHaveLength(1);
  });

  it('accepts a MIG partition on BYO nodes with the enableMIG gate, as the mig_mixed example asks', () => {
    const set = phiInferenceSet(s => (s.spec.template.resource = { partition: { mode: 'mig', profile: '2g.24gb' } }));
    expect(errorsOf(set, byo)).toEqual([]);
  });

  it('accepts a good maintenance window and zero replicas', () => {
    const set = phiInferenceSet(s => {
      s.spec.replicas = 0;
      s.spec.autoUpgrade = { enabled: true, strategy: 'Surge', maintenanceWindow: { schedule: '0 2 * * sat', duration: '4h' } };
    });
    expect(errorsOf(set, nap)).toEqual([]);
  });
});

describe('validateInferenceSetUpdate', () => {
  it('lets replicas and nodeCountLimit change', () => {
    const next = phiInferenceSet(s => {
      s.spec.replicas = 1;
      s.spec.nodeCountLimit = 2;
    });
    expect(validateInferenceSetUpdate(phiInferenceSet(), next, nap).ok).toBe(true);
  });

  it('refuses a partition change: it is immutable once set', () => {
    const current = phiInferenceSet(s => (s.spec.template.resource = { partition: { mode: 'mig', profile: '1g.12gb' } }));
    const next = phiInferenceSet(s => (s.spec.template.resource = { partition: { mode: 'mig', profile: '2g.24gb' } }));
    const issue = validateInferenceSetUpdate(current, next, byo).issues.find(i => i.path === 'spec.template.resource.partition');
    expect(issue?.message).toMatch(/^field is immutable/);
  });
});
