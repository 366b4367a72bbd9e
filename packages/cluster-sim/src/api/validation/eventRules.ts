import { StatusCause } from '../../errors';
import { dns1123SubdomainErrors, qualifiedNameErrors } from './nameRules';

/**
 * Event validation of pkg/apis/core/validation/events.go. A core/v1 Event with an `eventTime`
 * is a "new" event and needs its reporting fields; events.k8s.io/v1 Events always do, and may
 * not set the deprecated fields.
 */

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

/** The fields of an Event in the core API's terms, read from either API version. */
interface EventFields {
  namespace: string;
  eventTime: unknown;
  involvedNamespace: string;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  message: string;
  type: string;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  source: any;
  count: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function required(causes: StatusCause[], field: string) {
  causes.push({ reason: 'FieldValueRequired', message: 'Required value', field });
}

function invalid(causes: StatusCause[], field: string, value: string, message: string) {
  causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${message}`, field });
}

/** legacyValidateEvent: what every Event must satisfy, in either API version. */
function validateLegacy(event: EventFields, reportingControllerField: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (event.eventTime === null || event.eventTime === undefined) {
    const expected = event.involvedNamespace || undefined;
    if (expected === undefined ? event.namespace !== '' && event.namespace !== 'default' : event.namespace !== expected) {
      invalid(causes, 'involvedObject.namespace', event.involvedNamespace, 'does not match event.namespace');
    }
  } else {
    if (!event.involvedNamespace && event.namespace !== 'default' && event.namespace !== 'kube-system') {
      invalid(causes, 'involvedObject.namespace', event.involvedNamespace, 'does not match event.namespace');
    }
    if (!event.reportingController) required(causes, reportingControllerField);
    for (const message of qualifiedNameErrors(event.reportingController)) invalid(causes, reportingControllerField, event.reportingController, message);
    if (!event.reportingInstance) required(causes, 'reportingInstance');
    if (event.reportingInstance.length > REPORTING_INSTANCE_LIMIT) invalid(causes, 'reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`);
    if (!event.action) required(causes, 'action');
    if (event.action.length > ACTION_LIMIT) invalid(causes, 'action', '', `can have at most ${ACTION_LIMIT} characters`);
    if (!event.reason) required(causes, 'reason');
    if (event.reason.length > REASON_LIMIT) invalid(causes, 'reason', '', `can have at most ${REASON_LIMIT} characters`);
    if (event.message.length > NOTE_LIMIT) invalid(causes, 'message', '', `can have at most ${NOTE_LIMIT} characters`);
  }
  for (const message of dns1123SubdomainErrors(event.namespace)) invalid(causes, 'namespace', event.namespace, message);
  return causes;
}

/** Validates a core/v1 Event. @internal */
export function validateCoreEvent(object: any): StatusCause[] {
  return validateLegacy(
    {
      namespace: text(object.metadata?.namespace),
      eventTime: object.eventTime,
      involvedNamespace: text(object.involvedObject?.namespace),
      reportingController: text(object.reportingComponent),
      reportingInstance: text(object.reportingInstance),
      action: text(object.action),
      reason: text(object.reason),
      message: text(object.message),
      type: text(object.type),
      firstTimestamp: object.firstTimestamp,
      lastTimestamp: object.lastTimestamp,
      source: object.source,
      count: Number(object.count ?? 0),
    },
    'reportingComponent',
  );
}

/** Validates an events.k8s.io/v1 Event on create: the legacy rules, then the strict ones. @internal */
export function validateEventsV1Create(object: any): StatusCause[] {
  const event: EventFields = {
    namespace: text(object.metadata?.namespace),
    eventTime: object.eventTime,
    involvedNamespace: text(object.regarding?.namespace),
    reportingController: text(object.reportingController),
    reportingInstance: text(object.reportingInstance),
    action: text(object.action),
    reason: text(object.reason),
    message: text(object.note),
    type: text(object.type),
    firstTimestamp: object.deprecatedFirstTimestamp,
    lastTimestamp: object.deprecatedLastTimestamp,
    source: object.deprecatedSource,
    count: Number(object.deprecatedCount ?? 0),
  };
  const causes = validateLegacy(event, 'reportingController');
  if (event.eventTime === null || event.eventTime === undefined) required(causes, 'eventTime');
  if (event.type !== 'Normal' && event.type !== 'Warning') invalid(causes, 'type', '', `has invalid value: ${event.type}`);
  if (event.firstTimestamp) invalid(causes, 'deprecatedFirstTimestamp', '', 'needs to be unset');
  if (event.lastTimestamp) invalid(causes, 'deprecatedLastTimestamp', '', 'needs to be unset');
  if (event.source?.component || event.source?.host) invalid(causes, 'deprecatedSource', '', 'needs to be unset');
  if (event.count) invalid(causes, 'deprecatedCount', '', 'needs to be unset');
  return dedupe(causes);
}

function dedupe(causes: StatusCause[]): StatusCause[] {
  const seen = new Set<string>();
  return causes.filter(c => {
    const key = `${c.field}|${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
