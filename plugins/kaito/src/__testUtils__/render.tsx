import { ReactElement } from 'react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { kaitoApiRef } from '../api/KaitoApi';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createFromTemplateRouteRef, rootRouteRef } from '../routes';
import { testKaitoClient } from './apis';

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/** A permission API that denies the named permissions and allows the rest. */
export function permissionApiDenying(
  denied: string[] = [],
): jest.Mocked<PermissionApi> {
  return {
    authorize: jest.fn(
      async request =>
        ({
          result: denied.includes(request.permission.name) ? 'DENY' : 'ALLOW',
        } as Decision),
    ),
  };
}

/**
 * Renders in the legacy test app with the real `KaitoClient` (msw answers
 * its requests), a permission API denying `denied` and the guest user of
 * group ml-team; the workspaces page is mounted at `/kaito`, the catalog's
 * entity pages at `/catalog/...` and templates at `/create/templates/...`,
 * as in the demo portal, so links resolve through the route refs.
 */
export function renderWithKaito(
  element: ReactElement,
  options: { denied?: string[]; permissionApi?: PermissionApi } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kaitoApiRef, testKaitoClient()],
        [
          permissionApiRef,
          options.permissionApi ?? permissionApiDenying(options.denied),
        ],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/guest',
            ownershipEntityRefs: [
              'user:default/guest',
              'group:default/ml-team',
            ],
          }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/kaito': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/create/templates/:namespace/:templateName': createFromTemplateRouteRef,
      },
    },
  );
}
