/*
 * The minimal portal's app: a new-frontend-system app with the catalog and
 * the Kaito plugin's /alpha entry, wired exactly as docs/add-to-your-portal.md
 * says (portals/minimal/backend/src/guide.test.ts checks it).
 */
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import kaitoPlugin from '@kaito-backstage/plugin-kaito/alpha';
import { signInModule } from './signIn';

export default createApp({
  features: [catalogPlugin, kaitoPlugin, signInModule],
});
