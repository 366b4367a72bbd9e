import { Issue } from '../schema/issue';
import { validateWorkspaceCreate, ValidationResult } from '../validation/validateWorkspaceCreate';
import { ValidationContext } from '../validation/validationContext';
import { error } from '../validation/issues';
import { cronScheduleProblem, parseGoDurationMs } from './cronSchedule';
import { InferenceSet } from './inferenceSet';
import { exampleChildName, renderInferenceSetWorkspace } from './renderInferenceSetWorkspace';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function toResult(issues: Issue[]): ValidationResult {
  return { ok: !issues.some(issue => issue.severity !== 'warning'), issues };
}

function nameRules(set: InferenceSet): Issue[] {
  const name = set.metadata.name;
  if (name.length <= 63 && DNS_1123_LABEL.test(name)) return [];
  return [error('metadata.name', `'${name}' is not a valid name: use at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit`)];
}

/** Kaito's validateInstanceType: required with node auto-provisioning, empty for BYO nodes. */
function instanceTypeRules(set: InferenceSet, context: ValidationContext): Issue[] {
  const instanceType = set.spec.template.resource?.instanceType ?? '';
  const path = 'spec.template.resource.instanceType';
  if (context.nodeAutoProvisioning === false) {
    return instanceType ? [error(path, `invalid value: ${instanceType}: instanceType must be empty when nodeProvisioner is byo`)] : [];
  }
  return instanceType ? [] : [error(path, 'missing field(s): instanceType is required when node auto-provisioning is enabled')];
}

function maintenanceWindowRules(set: InferenceSet): Issue[] {
  const window = set.spec.autoUpgrade?.maintenanceWindow;
  if (!window) return [];
  const path = 'spec.autoUpgrade.maintenanceWindow';
  if (!window.schedule) return [error(`${path}.schedule`, 'missing field(s): schedule, a 5-field cron line in UTC such as "0 2 * * 6"')];
  const issues: Issue[] = [];
  const cron = cronScheduleProblem(window.schedule);
  if (cron) issues.push(error(`${path}.schedule`, `invalid value: ${window.schedule}: invalid cron expression: ${cron}`));
  if (window.duration !== undefined) {
    const ms = parseGoDurationMs(window.duration);
    if (ms === undefined) issues.push(error(`${path}.duration`, `'${window.duration}' is not a duration such as 4h or 90m`));
    else if (ms <= 0) issues.push(error(`${path}.duration`, `invalid value: ${window.duration}: must be a positive duration`));
  }
  return issues;
}

/**
 * The child Workspace the set would create, checked with the Workspace create rules
 * (Kaito validates that very object at InferenceSet admission). Its issues are moved
 * under `spec.template` where the field comes from the template.
 */
function childRules(set: InferenceSet, context: ValidationContext): Issue[] {
  const child = renderInferenceSetWorkspace(set, {
    nodeAutoProvisioning: context.nodeAutoProvisioning !== false,
    name: exampleChildName(set),
  });
  // A missing instanceType is the set's own rule; the child's would say it twice.
  const missingInstanceType = !set.spec.template.resource?.instanceType;
  return validateWorkspaceCreate(child, context)
    .issues.filter(issue => !(missingInstanceType && issue.path === 'resource.instanceType'))
    .map(issue => ({ ...issue, path: childPathToSetPath(issue.path) }));
}

/** Where a child's field comes from in the set: the selector is the set's, the rest the template's. */
function childPathToSetPath(path: string): string {
  if (path.startsWith('resource.labelSelector')) return `spec.${path.slice('resource.'.length)}`;
  return `spec.template.${path}`;
}

/**
 * Validates a new InferenceSet as Kaito v0.12's webhook does: a DNS-1123 name, replicas
 * ≥ 0, instanceType per provisioner, the maintenance window's cron and duration, and the
 * child Workspace it would create (every Workspace create rule). It never stops at the first problem.
 *
 * @public
 */
export function validateInferenceSetCreate(set: InferenceSet, context: ValidationContext): ValidationResult {
  const replicas = set.spec.replicas;
  return toResult([
    ...nameRules(set),
    ...(replicas !== undefined && replicas < 0 ? [error('spec.replicas', `invalid value: ${replicas}: must be non-negative`)] : []),
    ...instanceTypeRules(set, context),
    ...maintenanceWindowRules(set),
    ...childRules(set, context),
  ]);
}

/**
 * Validates a change to an InferenceSet as Kaito v0.12's webhook does: the create rules
 * for instanceType, the maintenance window and the child Workspace, and the partition
 * is immutable once set (v1beta1).
 *
 * @public
 */
export function validateInferenceSetUpdate(current: InferenceSet, next: InferenceSet, context: ValidationContext): ValidationResult {
  const issues: Issue[] = [
    ...nameRules(next),
    ...instanceTypeRules(next, context),
    ...maintenanceWindowRules(next),
    ...childRules(next, context),
  ];
  const before = JSON.stringify(current.spec.template.resource?.partition ?? null);
  const after = JSON.stringify(next.spec.template.resource?.partition ?? null);
  if (before !== after) issues.push(error('spec.template.resource.partition', 'field is immutable: create a new InferenceSet to change the GPU partition'));
  return toResult(issues);
}
