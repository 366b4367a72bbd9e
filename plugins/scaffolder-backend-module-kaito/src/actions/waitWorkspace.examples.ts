import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in `/create/actions` for `kaito:workspace:wait`. @internal */
export const examples: TemplateExample[] = [
  {
    description: 'Wait up to 30 minutes for the workspace created by an earlier step to serve requests',
    example: yaml.stringify({
      steps: [
        {
          id: 'wait',
          action: 'kaito:workspace:wait',
          name: 'Wait until the model is ready',
          input: {
            workspaceRef: "${{ steps['create'].output.workspaceRef }}",
            state: 'Ready',
            timeoutMinutes: 30,
          },
        },
      ],
    }),
  },
  {
    description: 'Wait up to two hours for a fine-tuning job, tolerating steps that fail and are retried',
    example: yaml.stringify({
      steps: [
        {
          id: 'wait',
          action: 'kaito:workspace:wait',
          name: 'Wait for the tuning job',
          input: {
            workspaceRef: 'local/default/support-tone-tuning',
            state: 'Succeeded',
            timeoutMinutes: 120,
            failOnStepFailure: false,
          },
        },
      ],
    }),
  },
];
