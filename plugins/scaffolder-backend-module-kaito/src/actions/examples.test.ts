import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { scaffolderZod } from '../__testUtils__/scaffolderZod';
import { createWorkspaceInput } from './createWorkspace';
import { examples as createExamples } from './createWorkspace.examples';
import { renderWorkspaceInput } from './renderWorkspace';
import { examples as renderExamples } from './renderWorkspace.examples';
import { tuneWorkspaceInput } from './tuneWorkspace';
import { examples as tuneExamples } from './tuneWorkspace.examples';
import { waitWorkspaceInput } from './waitWorkspace';
import { examples as waitExamples } from './waitWorkspace.examples';
import type { ZodImpl } from './zodImpl';

type InputFields = Record<string, (z: ZodImpl) => Parameters<ZodImpl['object']>[0][string]>;

const z = scaffolderZod();

const cases: Array<{ action: string; input: InputFields; examples: TemplateExample[] }> = [
  { action: 'kaito:workspace:create', input: createWorkspaceInput, examples: createExamples },
  { action: 'kaito:workspace:tune', input: tuneWorkspaceInput, examples: tuneExamples },
  { action: 'kaito:workspace:wait', input: waitWorkspaceInput, examples: waitExamples },
  { action: 'kaito:workspace:render', input: renderWorkspaceInput, examples: renderExamples },
];

const examples = cases.flatMap(({ action, input, examples: list }) =>
  list.map(example => ({ action, input, example })),
);

describe('action examples', () => {
  it.each(examples)('$action: "$example.description" parses against the action\'s input schema', ({ action, input, example }) => {
    const schema = z.object(Object.fromEntries(Object.entries(input).map(([key, field]) => [key, field(z)]))).strict();
    const { steps } = yaml.parse(example.example) as { steps: Array<{ action: string; input: unknown }> };
    const ours = steps.filter(step => step.action === action);

    expect(ours).not.toHaveLength(0);
    for (const step of ours) {
      const result = schema.safeParse(step.input);
      expect(result.success ? [] : result.error.issues).toEqual([]);
    }
  });

  it.each(cases)('$action has at least one example', ({ examples: list }) => {
    expect(list.length).toBeGreaterThan(0);
  });
});
