import express from 'express';
import Router from 'express-promise-router';
import { LoggerService } from '@backstage/backend-plugin-api';

/** What the Kaito REST router needs. @internal */
export interface RouterOptions {
  logger: LoggerService;
}

/**
 * The Kaito REST API, mounted at `/api/kaito`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    logger.debug('health check');
    res.json({ status: 'ok' });
  });

  return router;
}
