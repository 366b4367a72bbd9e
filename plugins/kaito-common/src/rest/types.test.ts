import type { NarrowedSchema, WorkspaceDetails, WorkspaceSummary } from './types';

// These are checked by tsc (yarn tsc), which fails on an unused @ts-expect-error.
describe('NarrowedSchema', () => {
  it('keeps the schema and narrows only fields the schema has, to types it accepts', () => {
    const narrowed: NarrowedSchema<{ kind: string; count?: number }, { kind: 'inference' }> = { kind: 'inference', count: 1 };
    // @ts-expect-error a field the schema does not have cannot be added
    const extra: NarrowedSchema<WorkspaceSummary, { notInTheSpec: string }> | undefined = undefined;
    // @ts-expect-error a type the schema would not accept cannot replace its own
    const wider: NarrowedSchema<WorkspaceSummary, { gpuCount: string }> | undefined = undefined;
    expect([narrowed, extra, wider]).toEqual([{ kind: 'inference', count: 1 }, undefined, undefined]);
  });

  it('gives WorkspaceDetails the whole Workspace object', () => {
    type Kind = WorkspaceDetails['workspace']['kind'];
    type HasInference = 'inference' extends keyof WorkspaceDetails['workspace'] ? true : false;
    const facts: [Kind, HasInference] = ['Workspace', true];
    expect(facts).toEqual(['Workspace', true]);
  });
});
