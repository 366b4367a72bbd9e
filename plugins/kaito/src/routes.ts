import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the workspaces page that lists every workspace across clusters. @public */
export const rootRouteRef = createRouteRef({ id: 'kaito' });
