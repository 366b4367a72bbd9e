import { readFileSync } from 'node:fs';

/**
 * The repository patches express-openapi-validator (root package.json
 * resolutions, .yarn/patches) so that its route lookup compiles each route's
 * matcher once instead of on every request. The resolution is keyed by the
 * version range Backstage asks for; if that range changes, the patch stops
 * applying without any error, and every request pays again. This fails then.
 */
describe('the express-openapi-validator patch', () => {
  it('is applied to the installed validator', () => {
    const metadata = require.resolve('express-openapi-validator/dist/middlewares/openapi.metadata.js', {
      paths: [require.resolve('@backstage/backend-openapi-utils')],
    });
    const source = readFileSync(metadata, 'utf8');
    expect(source).toContain('compiledRoutes.get(matcherKey)');
  });
});
