import express, { RequestHandler } from 'express';
import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import { EndpointMap, spec } from './openapi/generated';

/** The router the Kaito REST API is served on, typed by the spec's routes. @internal */
export type KaitoApiRouter = Awaited<ReturnType<typeof createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>>>;

type Spec = typeof spec;

/** Where Backstage's validated routers serve their spec. */
const SPEC_ROUTE = '/openapi.json';

/**
 * The spec as the request validator sees it: without request bodies. Each route
 * checks its own body with its zod schema (kaito-common requestSchemas), so a
 * refusal names the field in words and is audited like any other; the schemas
 * in openapi.yaml are proven equal to the zod ones by requestSchemas.test.ts.
 */
function withoutRequestBodies(document: Spec): Spec {
  const copy = structuredClone(document) as unknown as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item)) {
      if (operation && typeof operation === 'object') delete operation.requestBody;
    }
  }
  return copy as unknown as Spec;
}

/** @internal */
export interface OpenApiRouterOptions {
  /** The largest JSON body each request may send, in bytes or as `256kb`. */
  jsonBodyLimit: (req: express.Request) => number | string;
  /**
   * Check every JSON response against its schema and answer 500 naming the
   * difference when it does not match. On in the test suites, so a response
   * that drifts from the spec fails the test that made it.
   */
  validateResponses: boolean;
}

/**
 * A router that refuses query parameters the spec does not list and checks
 * path and query parameters against it (Backstage's validated OpenAPI
 * router), parsing JSON bodies up to the route's limit first.
 *
 * @internal
 */
export async function createOpenApiRouter(options: OpenApiRouterOptions): Promise<KaitoApiRouter> {
  const parsers = new Map<string, RequestHandler>();
  const jsonBodies: RequestHandler = (req, res, next) => {
    const limit = String(options.jsonBodyLimit(req));
    let parser = parsers.get(limit);
    if (!parser) {
      parser = express.json({ limit });
      parsers.set(limit, parser);
    }
    parser(req, res, next);
  };
  const router = createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(withoutRequestBodies(spec) as any, {
    middleware: [jsonBodies],
    validatorOptions: {
      // Who may call is Backstage's httpAuth's and the permission framework's to say, route by route.
      validateSecurity: false,
      validateResponses: options.validateResponses ? { allErrors: true } : false,
    },
  });
  // The router serves the spec it validates with, which lacks the request bodies; serve the whole one.
  router.stack = router.stack.filter(layer => layer.route?.path !== SPEC_ROUTE);
  router.get(SPEC_ROUTE as any, (req, res) => {
    res.json({ ...spec, servers: [{ url: req.baseUrl || '/' }] });
  });
  return router;
}
