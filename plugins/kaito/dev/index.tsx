import { Entity } from '@backstage/catalog-model';
import { Content, Header, Page } from '@backstage/core-components';
import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityKaitoContent,
  KaitoWorkspacesPage,
  kaitoPlugin,
} from '../src';

// `yarn start` here serves the plugin alone on app.baseUrl and talks to the
// real Kaito backend at backend.baseUrl (app-config.yaml at the repo root):
// start the portal's backend first (`yarn start` in packages/backend) and
// sign in as guest.

/** The demo catalog's component that workspaces deployed from the template serve. */
const servedComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-assistant', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'group:default/ml-team' },
};

createDevApp()
  .registerPlugin(kaitoPlugin)
  .addPage({
    path: '/kaito',
    title: 'LLM workspaces',
    element: <KaitoWorkspacesPage />,
  })
  .addPage({
    path: '/entity-tab',
    title: 'Entity tab',
    element: (
      <Page themeId="service">
        <Header
          title="support-assistant"
          subtitle="The LLM workspace tab of component:default/support-assistant"
        />
        <Content>
          <EntityProvider entity={servedComponent}>
            <EntityKaitoContent />
          </EntityProvider>
        </Content>
      </Page>
    ),
  })
  .render();
