import { Workspace } from '../api/workspace';
import { Issue } from '../schema/issue';
import { canonicalJson } from '../util/canonicalJson';
import { error } from './issues';
import { inferenceRules } from './rules/inferenceRules';
import { metadataRules } from './rules/metadataRules';
import { modeRules, toResult, ValidationResult } from './validateWorkspaceCreate';
import { ValidationContext } from './validationContext';

/**
 * Validates a change to an existing Workspace: Kaito's immutability rules, then the
 * metadata and inference rules on the new object. SKU and fit checks are not repeated,
 * because the fields they look at cannot change.
 *
 * @public
 */
export function validateWorkspaceUpdate(
  previous: Workspace,
  next: Workspace,
  context: ValidationContext,
): ValidationResult {
  return toResult([
    ...immutabilityRules(previous, next, context),
    ...modeRules(next),
    ...metadataRules(next, context),
    ...inferenceRules(next, context, 'update'),
  ]);
}

function immutabilityRules(previous: Workspace, next: Workspace, context: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const immutable = (path: string, before: unknown, after: unknown, message = 'field is immutable') => {
    if (!sameValue(before, after)) {
      issues.push(error(path, message));
    }
  };

  if (Boolean(previous.inference) !== Boolean(next.inference)) {
    issues.push(error('inference', 'Inference field cannot be toggled once set'));
  }
  if (Boolean(previous.tuning) !== Boolean(next.tuning)) {
    issues.push(error('tuning', 'Tuning field cannot be toggled once set'));
  }

  immutable('resource.count', previous.resource.count, next.resource.count);
  immutable('resource.labelSelector', previous.resource.labelSelector, next.resource.labelSelector);
  immutable('resource.partition', previous.resource.partition, next.resource.partition);
  const before = previous.resource.instanceType ?? '';
  const after = next.resource.instanceType ?? '';
  const byoClearing = context.nodeAutoProvisioning === false && after === '';
  if (before && before !== after && !byoClearing) {
    issues.push(error('resource.instanceType', 'field is immutable once set when node auto-provisioning is enabled; create a new workspace to change the SKU'));
  }

  if (previous.inference && next.inference) {
    immutable('inference.preset', previous.inference.preset, next.inference.preset);
    if (Boolean(previous.inference.template) !== Boolean(next.inference.template)) {
      issues.push(error('inference.template', 'template cannot be set or unset once the workspace exists'));
    }
  }
  if (previous.tuning && next.tuning) {
    immutable('tuning.preset', previous.tuning.preset, next.tuning.preset, 'Preset cannot be changed');
    immutable('tuning.method', previous.tuning.method.toLowerCase(), next.tuning.method.toLowerCase(), 'Method cannot be changed');
    immutable('tuning.input.name', previous.tuning.input.name, next.tuning.input.name, 'input name cannot be changed');
  }
  return issues;
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
