import { StatusCause } from '../../errors';
import { KubeObject } from '../../types';
import { dns1123SubdomainErrors } from './nameRules';

/**
 * admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration and MutatingWebhookConfiguration:
 * the defaults (pkg/apis/admissionregistration/v1/defaults.go) and the validation
 * (pkg/apis/admissionregistration/validation) of kube-apiserver v1.32, with its messages.
 *
 * The simulator stores these objects but never CALLS a webhook: no admission request is sent to
 * the service or URL a configuration names, so a webhook neither refuses nor mutates anything here.
 */

/** Storage keys of the two kinds. @internal */
export const WEBHOOK_CONFIGURATION_KEYS = {
  validating: 'validatingwebhookconfigurations.admissionregistration.k8s.io',
  mutating: 'mutatingwebhookconfigurations.admissionregistration.k8s.io',
} as const;

const ADMISSION_REVIEW_VERSIONS = ['v1', 'v1beta1'];
const SIDE_EFFECTS_V1 = ['None', 'NoneOnDryRun'];
const FAILURE_POLICIES = ['Fail', 'Ignore'];
const MATCH_POLICIES = ['Equivalent', 'Exact'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];

const isUnset = (value: unknown) => value === undefined || value === null;

/** Applies the v1 defaults to every webhook of a configuration, in place. @internal */
export function defaultWebhookConfiguration(object: KubeObject, mutating: boolean): void {
  for (const hook of Array.isArray(object.webhooks) ? object.webhooks : []) {
    if (!hook || typeof hook !== 'object') continue;
    hook.failurePolicy ??= 'Fail';
    hook.matchPolicy ??= 'Equivalent';
    hook.namespaceSelector ??= {};
    hook.objectSelector ??= {};
    hook.timeoutSeconds ??= 10;
    if (mutating) hook.reinvocationPolicy ??= 'Never';
    if (hook.clientConfig?.service && typeof hook.clientConfig.service === 'object') hook.clientConfig.service.port ??= 443;
    for (const rule of Array.isArray(hook.rules) ? hook.rules : []) {
      if (rule && typeof rule === 'object') rule.scope ??= '*';
    }
  }
}

class Causes {
  readonly list: StatusCause[] = [];
  required(field: string, detail = '') {
    this.list.push({ reason: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' });
  }
  invalid(field: string, value: unknown, detail: string) {
    this.list.push({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(value)}: ${detail}` });
  }
  unsupported(field: string, value: unknown, supported: string[]) {
    this.list.push({
      reason: 'FieldValueNotSupported',
      field,
      message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map(s => JSON.stringify(s)).join(', ')}`,
    });
  }
  duplicate(field: string, value: unknown) {
    this.list.push({ reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${JSON.stringify(value)}` });
  }
}

function validateName(causes: Causes, field: string, name: unknown) {
  if (typeof name !== 'string' || name === '') {
    causes.required(field);
    return;
  }
  const errors = dns1123SubdomainErrors(name);
  if (errors.length) causes.invalid(field, name, errors.join(', '));
  else if (name.split('.').length < 3) causes.invalid(field, name, 'should be a domain with at least three segments separated by dots');
}

function validateClientConfig(causes: Causes, field: string, config: any) {
  const hasUrl = !isUnset(config?.url);
  const hasService = !isUnset(config?.service);
  if (hasUrl === hasService) {
    causes.required(field, 'exactly one of url or service is required');
    return;
  }
  if (hasUrl) {
    let url: URL | undefined;
    try {
      url = new URL(String(config.url));
    } catch {
      causes.invalid(`${field}.url`, config.url, 'must be a valid URL');
      return;
    }
    if (url.protocol !== 'https:') causes.invalid(`${field}.url`, config.url, "'https' is the only allowed URL scheme");
    if (url.username || url.password) causes.invalid(`${field}.url`, config.url, 'user information is not permitted in the URL');
    if (url.hash) causes.invalid(`${field}.url`, config.url, 'fragments are not permitted in the URL');
    if (url.search) causes.invalid(`${field}.url`, config.url, 'query parameters are not permitted in the URL');
    return;
  }
  const service = config.service;
  if (!service?.name) causes.required(`${field}.service.name`, 'service name is required');
  if (!service?.namespace) causes.required(`${field}.service.namespace`, 'service namespace is required');
  const port = service?.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    causes.invalid(`${field}.service.port`, port, 'port is not valid: must be between 1 and 65535, inclusive');
  }
  if (service?.path !== undefined && !String(service.path).startsWith('/')) {
    causes.invalid(`${field}.service.path`, service.path, "must start with a '/'");
  }
}

function validateRule(causes: Causes, field: string, rule: any) {
  const operations: unknown[] = Array.isArray(rule?.operations) ? rule.operations : [];
  if (!operations.length) causes.required(`${field}.operations`);
  if (operations.length > 1 && operations.includes('*')) {
    causes.invalid(`${field}.operations`, operations, "if '*' is present, must not specify other operations");
  }
  operations.forEach((op, i) => {
    if (!OPERATIONS.includes(String(op))) causes.unsupported(`${field}.operations[${i}]`, op, OPERATIONS);
  });
  for (const list of ['apiGroups', 'apiVersions', 'resources'] as const) {
    if (!Array.isArray(rule?.[list]) || !rule[list].length) causes.required(`${field}.${list}`);
  }
  if (!isUnset(rule?.scope) && !SCOPES.includes(rule.scope)) causes.unsupported(`${field}.scope`, rule.scope, SCOPES);
}

function validateWebhook(causes: Causes, field: string, hook: any, mutating: boolean) {
  validateName(causes, `${field}.name`, hook?.name);
  const versions: unknown[] = Array.isArray(hook?.admissionReviewVersions) ? hook.admissionReviewVersions : [];
  if (!versions.length) {
    causes.required(`${field}.admissionReviewVersions`, `must specify one of ${ADMISSION_REVIEW_VERSIONS.join(', ')}`);
  } else if (!versions.some(v => ADMISSION_REVIEW_VERSIONS.includes(String(v)))) {
    causes.invalid(`${field}.admissionReviewVersions`, versions, `must include at least one of ${ADMISSION_REVIEW_VERSIONS.join(', ')}`);
  }
  if (isUnset(hook?.sideEffects)) causes.required(`${field}.sideEffects`, `must specify one of ${SIDE_EFFECTS_V1.join(', ')}`);
  else if (!SIDE_EFFECTS_V1.includes(hook.sideEffects)) causes.unsupported(`${field}.sideEffects`, hook.sideEffects, SIDE_EFFECTS_V1);
  if (!FAILURE_POLICIES.includes(hook?.failurePolicy)) causes.unsupported(`${field}.failurePolicy`, hook?.failurePolicy, FAILURE_POLICIES);
  if (!MATCH_POLICIES.includes(hook?.matchPolicy)) causes.unsupported(`${field}.matchPolicy`, hook?.matchPolicy, MATCH_POLICIES);
  if (mutating && !REINVOCATION_POLICIES.includes(hook?.reinvocationPolicy)) {
    causes.unsupported(`${field}.reinvocationPolicy`, hook?.reinvocationPolicy, REINVOCATION_POLICIES);
  }
  const timeout = hook?.timeoutSeconds;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 30) {
    causes.invalid(`${field}.timeoutSeconds`, timeout, 'the timeout value must be between 1 and 30 seconds');
  }
  validateClientConfig(causes, `${field}.clientConfig`, hook?.clientConfig);
  const rules = hook?.rules;
  if (!isUnset(rules) && !Array.isArray(rules)) causes.invalid(`${field}.rules`, rules, 'must be a list');
  (Array.isArray(rules) ? rules : []).forEach((rule, i) => validateRule(causes, `${field}.rules[${i}]`, rule));
}

/**
 * The causes a v1 webhook configuration fails with (empty when valid): each webhook needs a
 * fully qualified name unique in the configuration, a clientConfig with exactly one of url or
 * service, sideEffects and admissionReviewVersions; each rule needs operations, API groups,
 * versions and resources.
 * @internal
 */
export function validateWebhookConfiguration(object: KubeObject, mutating: boolean): StatusCause[] {
  const causes = new Causes();
  const hooks = object.webhooks;
  if (!isUnset(hooks) && !Array.isArray(hooks)) {
    causes.invalid('webhooks', hooks, 'must be a list');
    return causes.list;
  }
  const seen = new Set<string>();
  (hooks ?? []).forEach((hook: any, i: number) => {
    const field = `webhooks[${i}]`;
    validateWebhook(causes, field, hook, mutating);
    if (typeof hook?.name === 'string' && hook.name) {
      if (seen.has(hook.name)) causes.duplicate(`${field}.name`, hook.name);
      seen.add(hook.name);
    }
  });
  return causes.list;
}
