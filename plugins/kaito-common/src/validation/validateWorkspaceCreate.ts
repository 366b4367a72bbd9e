import { Workspace } from '../api/workspace';
import { Issue } from '../schema/issue';
import { error } from './issues';
import { inferenceRules } from './rules/inferenceRules';
import { metadataRules } from './rules/metadataRules';
import { resourceRules } from './rules/resourceRules';
import { tuningRules } from './rules/tuningRules';
import { ValidationContext } from './validationContext';

/**
 * The outcome of validation: every issue found; `ok` when none is an error.
 *
 * @public
 */
export interface ValidationResult {
  ok: boolean;
  issues: Issue[];
}

/**
 * Validates a new Workspace the way Kaito's admission webhook does (kaito.md §1.6),
 * plus this project's SKU policy. It never stops at the first problem.
 *
 * @public
 */
export function validateWorkspaceCreate(
  workspace: Workspace,
  context: ValidationContext,
): ValidationResult {
  return toResult([
    ...modeRules(workspace),
    ...metadataRules(workspace, context),
    ...resourceRules(workspace, context),
    ...inferenceRules(workspace, context),
    ...tuningRules(workspace, context),
  ]);
}

/** @internal */
export function modeRules(workspace: Workspace): Issue[] {
  if (!workspace.inference && !workspace.tuning) {
    return [error('inference', 'Either Inference or Tuning must be specified, not neither')];
  }
  if (workspace.inference && workspace.tuning) {
    return [error('tuning', 'Either Inference or Tuning must be specified, but not both')];
  }
  return [];
}

/** @internal */
export function toResult(issues: Issue[]): ValidationResult {
  return { ok: !issues.some(issue => issue.severity !== 'warning'), issues };
}
