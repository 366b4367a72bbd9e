import express from 'express';

/**
 * The benchmarks' fixed-identity auth: each request says who it is in
 * `x-bench-user` (a burst comes from many people, each with their own limits
 * and history), so the portal's own work is measured, not a token check.
 */
export const benchHttpAuth = {
  credentials: async (req: express.Request) => ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: `user:default/${String(req.headers['x-bench-user'] ?? 'bench').replace(/[^a-z0-9-]/g, '')}` },
  }),
} as any;
