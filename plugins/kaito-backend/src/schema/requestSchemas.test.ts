import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  chatCompletionRequestSchema,
  createInferenceSetRequestSchema,
  createWorkspaceRequestSchema,
  fitRequestSchema,
  scaleInferenceSetRequestSchema,
  trustRemoteCodeRequestSchema,
  updateWorkspaceRequestSchema,
} from '@kaito-backstage/plugin-kaito-common';

/**
 * The zod schema each route checks its JSON body with. The validated router
 * leaves bodies to these (worded, audited refusals), so they must say exactly
 * what openapi.yaml says.
 */
const BODY_SCHEMAS: Record<string, z.ZodType> = {
  checkFit: fitRequestSchema,
  createWorkspace: createWorkspaceRequestSchema,
  updateWorkspace: updateWorkspaceRequestSchema,
  setTrustRemoteCode: trustRemoteCodeRequestSchema,
  chatWithWorkspace: chatCompletionRequestSchema,
  createInferenceSet: createInferenceSetRequestSchema,
  scaleInferenceSet: scaleInferenceSetRequestSchema,
  chatWithInferenceSet: chatCompletionRequestSchema,
};

const spec = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));

/** The schema with its $refs inlined and its prose (description) left out: what it allows, no more. */
function allowed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowed);
  if (!node || typeof node !== 'object') return node;
  const { $ref, description: _description, ...rest } = node as Record<string, unknown>;
  if (typeof $ref === 'string') {
    return allowed($ref.replace(/^#\//, '').split('/').reduce((at: any, key) => at[key], spec));
  }
  return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, allowed(value)]));
}

const bodies = Object.values(spec.paths as Record<string, Record<string, any>>).flatMap(item =>
  Object.values(item)
    .filter(operation => operation?.requestBody)
    .map(operation => ({
      id: operation.operationId as string,
      schema: operation.requestBody.content['application/json'].schema,
    })),
);

describe('request bodies: zod and openapi.yaml', () => {
  it('has a zod schema for every request body in the spec', () => {
    expect(bodies.map(body => body.id).sort()).toEqual(Object.keys(BODY_SCHEMAS).sort());
  });

  it.each(bodies)('$id: the zod schema allows exactly what the spec does', ({ id, schema }) => {
    const fromZod = z.toJSONSchema(BODY_SCHEMAS[id], { target: 'openapi-3.0' }) as Record<string, unknown>;
    delete fromZod.$schema;
    expect(allowed(schema)).toEqual(allowed(fromZod));
  });
});
