import { validateCoreEvent, validateEventsV1Create } from './eventRules';

const fieldsOf = (causes: { field?: string }[]) => causes.map(c => c.field);

describe('core/v1 Event validation', () => {
  const base = { metadata: { name: 'e', namespace: 'demo' }, involvedObject: { kind: 'Workspace', name: 'w', namespace: 'demo' }, reason: 'Created' };

  it('accepts an old-style event without eventTime', () => {
    expect(validateCoreEvent({ ...base, firstTimestamp: '2026-12-01T08:05:13Z' })).toEqual([]);
  });

  it('refuses an event whose involved object is in another namespace', () => {
    expect(fieldsOf(validateCoreEvent({ ...base, involvedObject: { ...base.involvedObject, namespace: 'other' } }))).toEqual(['involvedObject.namespace']);
  });

  it('requires the reporting fields and action once eventTime is set', () => {
    expect(fieldsOf(validateCoreEvent({ ...base, eventTime: '2026-12-01T08:05:13.000000Z' }))).toEqual(['reportingComponent', 'reportingComponent', 'reportingInstance', 'action']);
    expect(
      validateCoreEvent({
        ...base,
        eventTime: '2026-12-01T08:05:13.000000Z',
        reportingComponent: 'kaito-backstage',
        reportingInstance: 'backstage-0',
        action: 'Reconcile',
      }),
    ).toEqual([]);
  });
});

describe('events.k8s.io/v1 Event validation', () => {
  const good = {
    metadata: { name: 'e', namespace: 'demo' },
    regarding: { kind: 'Workspace', name: 'w', namespace: 'demo' },
    eventTime: '2026-12-01T08:05:13.000000Z',
    reportingController: 'kaito.sh/backstage',
    reportingInstance: 'backstage-0',
    action: 'Reconcile',
    reason: 'Created',
    type: 'Normal',
    note: 'created',
  };

  it('accepts a complete event', () => {
    expect(validateEventsV1Create(good)).toEqual([]);
  });

  it('refuses deprecated fields, a missing eventTime and an unknown type', () => {
    const causes = validateEventsV1Create({ ...good, eventTime: undefined, type: 'Info', deprecatedCount: 2, deprecatedFirstTimestamp: '2026-12-01T08:05:13Z' });
    expect(fieldsOf(causes)).toEqual(['eventTime', 'type', 'deprecatedFirstTimestamp', 'deprecatedCount']);
    expect(causes[1].message).toBe('Invalid value: "": has invalid value: Info');
  });
});
