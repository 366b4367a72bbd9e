import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { ZodImpl } from '../actions/zodImpl';

/**
 * The zod instance the scaffolder passes to schema callbacks, caught by
 * letting it build a throwaway action: the package has no zod of its own.
 */
export function scaffolderZod(): ZodImpl {
  let caught: ZodImpl | undefined;
  createTemplateAction({
    id: 'test:catch-zod',
    schema: {
      input: z => {
        caught = z;
        return z.object({});
      },
    },
    handler: async () => {},
  });
  if (!caught) {
    throw new Error('The scaffolder did not call the schema callback');
  }
  return caught;
}
