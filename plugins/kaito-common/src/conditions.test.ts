import { ConditionReasons, ConditionTypes } from './conditions';

describe('conditions', () => {
  it.each([
    ['ResourceReady', ConditionTypes.ResourceReady],
    ['InferenceReady', ConditionTypes.InferenceReady],
    ['WorkspaceSucceeded', ConditionTypes.WorkspaceSucceeded],
  ])('keeps Kaito condition type %s verbatim', (expected, actual) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['workspaceResourceStatusSuccess', ConditionReasons.ResourceStatusSuccess],
    ['WorkspaceInferenceStatusPending', ConditionReasons.InferenceStatusPending],
    ['workspaceSucceeded', ConditionReasons.WorkspaceSucceeded],
    ['workspacePending', ConditionReasons.WorkspacePending],
    ['workspaceDeleted', ConditionReasons.WorkspaceDeleted],
  ])('keeps Kaito reason %s with its exact case', (expected, actual) => {
    expect(actual).toBe(expected);
  });

  it('has unique reason strings', () => {
    const values = Object.values(ConditionReasons);
    expect(new Set(values).size).toBe(values.length);
  });
});
