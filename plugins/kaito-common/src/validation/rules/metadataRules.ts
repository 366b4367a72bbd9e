import { Workspace } from '../../api/workspace';
import { KaitoAnnotations, RESERVED_SELECTOR_KEYS } from '../../labels';
import { Issue } from '../../schema/issue';
import { error, warning } from '../issues';
import { ValidationContext } from '../validationContext';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const ANNOTATION_VALUES: [key: string, allowed: string[]][] = [
  [KaitoAnnotations.nodeImageFamily, ['azurelinux', 'ubuntu']],
  [KaitoAnnotations.performanceMode, ['balanced', 'interactivity', 'throughput']],
  [KaitoAnnotations.useLocalWeights, ['true', 'false']],
  [KaitoAnnotations.runtime, ['transformers', 'vllm']],
];

/** Name, annotation and label-selector rules. @internal */
export function metadataRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const name = workspace.metadata.name;
  if (name.length > 63 || !DNS_1123_LABEL.test(name)) {
    issues.push(
      error(
        'metadata.name',
        `'${name}' is not a valid name: use at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit`,
      ),
    );
  }
  const annotations = workspace.metadata.annotations ?? {};
  for (const [key, allowed] of ANNOTATION_VALUES) {
    const value = annotations[key];
    if (value !== undefined && !allowed.includes(value)) {
      issues.push(
        error(`metadata.annotations["${key}"]`, `'${value}' is not supported; supported values are ${allowed.join(', ')}`),
      );
    }
  }
  const nodeClass = annotations[KaitoAnnotations.nodeClassName];
  if (nodeClass !== undefined && context.allowedNodeClassNames && !context.allowedNodeClassNames.includes(nodeClass)) {
    issues.push(
      error(
        `metadata.annotations["${KaitoAnnotations.nodeClassName}"]`,
        `"${nodeClass}" is not a KAITO-managed NodeClass, supported values are [${[...context.allowedNodeClassNames].sort().join(' ')}]`,
      ),
    );
  }
  if (annotations[KaitoAnnotations.bypassResourceChecks] !== undefined) {
    issues.push(
      warning(
        `metadata.annotations["${KaitoAnnotations.bypassResourceChecks}"]`,
        'GPU memory checks are bypassed: a model that does not fit will fail at run time instead of being rejected now',
      ),
    );
  }
  return [...issues, ...selectorRules(workspace, context)];
}

function selectorRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const matchLabels = workspace.resource.labelSelector.matchLabels ?? {};
  const keys = Object.keys(matchLabels);
  const reserved = keys.filter(key => RESERVED_SELECTOR_KEYS.includes(key)).sort();
  const path = 'resource.labelSelector.matchLabels';
  if (keys.length > 0 && reserved.length === keys.length) {
    return [
      error(
        path,
        `every label (${reserved.join(', ')}) is reserved by Kaito and would be removed, leaving a selector that matches every node; add a label of your own such as 'apps: <workspace>'`,
      ),
    ];
  }
  const issues = reserved.map(key =>
    warning(`${path}["${key}"]`, `'${key}' is reserved by Kaito and is ignored in the selector`),
  );
  const byo = context.nodeAutoProvisioning === false;
  if (byo && keys.length === 0 && !workspace.resource.labelSelector.matchExpressions?.length) {
    issues.push(
      error(path, 'with your own (BYO) nodes the selector must pick the GPU nodes; an empty selector would match every node'),
    );
  }
  return issues;
}
