import { z } from 'zod';
import { Workspace } from '../api/workspace';
import { formatIssuePath, Issue } from './issue';
import { strictWorkspaceSchema, workspaceSchema } from './workspaceSchema';

/**
 * The outcome of parsing untrusted input as a Workspace.
 *
 * @public
 */
export type ParseWorkspaceResult =
  | { ok: true; workspace: Workspace; warnings: Issue[] }
  | { ok: false; issues: Issue[] };

const TOP_LEVEL_SPEC_FIELDS = ['resource', 'inference', 'tuning'];

/**
 * Parses untrusted JSON-like input as a `kaito.sh` Workspace. Every problem comes back
 * with its field path. Unknown fields are dropped with a warning (the API server prunes them too),
 * except a `spec` holding Workspace fields, which is the most common mistake.
 *
 * @public
 */
export function parseWorkspace(input: unknown): ParseWorkspaceResult {
  const specIssues = findMisplacedSpec(input);
  const strict = strictWorkspaceSchema.safeParse(input, { error: describeIssue });
  if (strict.success && specIssues.length === 0) {
    return { ok: true, workspace: strict.data as Workspace, warnings: [] };
  }
  const problems = strict.success ? [] : strict.error.issues;
  const warnings: Issue[] = [];
  const errors: Issue[] = [...specIssues];
  for (const problem of problems) {
    if (problem.code === 'unrecognized_keys') {
      for (const key of problem.keys) {
        if (key === 'spec' && problem.path.length === 0 && specIssues.length) {
          continue;
        }
        warnings.push({
          path: formatIssuePath([...problem.path, key]),
          message: `unknown field '${key}' is ignored by Kaito`,
          severity: 'warning',
        });
      }
    } else {
      errors.push({ path: formatIssuePath(problem.path), message: problem.message, severity: 'error' });
    }
  }
  if (errors.length) {
    return { ok: false, issues: errors };
  }
  const loose = workspaceSchema.parse(input);
  return { ok: true, workspace: stripSpec(loose) as Workspace, warnings };
}

function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return 'is required';
  }
  return undefined;
}

function findMisplacedSpec(input: unknown): Issue[] {
  if (!isRecord(input) || !isRecord(input.spec)) {
    return [];
  }
  const spec = input.spec;
  return TOP_LEVEL_SPEC_FIELDS.filter(field => field in spec).map(field => ({
    path: `spec.${field}`,
    message: `a Workspace has no spec: move '${field}' to the top level, beside metadata`,
    severity: 'error' as const,
  }));
}

function stripSpec<T extends Record<string, unknown>>(workspace: T): T {
  const { spec: _spec, ...rest } = workspace;
  return rest as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
