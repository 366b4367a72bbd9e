import { render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router-dom';
import { createApp } from '@backstage/app-defaults';
import { AppRouter } from '@backstage/core-app-api';
import { createApiFactory } from '@backstage/core-plugin-api';
import { createTranslationMessages } from '@backstage/core-plugin-api/alpha';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { kaitoApiRef } from './api/KaitoApi';
import { API, testKaitoClient } from './__testUtils__/apis';
import { setupKaitoServer } from './__testUtils__/server';
import { EntityKaitoContent } from './plugin';
import { kaitoTranslationRef } from './translation';

const server = setupKaitoServer();
const originalEnv = process.env;
afterEach(() => {
  process.env = originalEnv;
});

const unlinked: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-assistant', namespace: 'default' },
  spec: {},
};

/** The tab's empty state in a real app (real i18next translation API) with `messages` installed. */
async function renderWithMessages(
  messages: Parameters<typeof createTranslationMessages>[0]['messages'],
) {
  // Replaced, not assigned into: process.env turns assigned values into strings.
  process.env = {
    ...process.env,
    APP_CONFIG: [
      {
        data: {
          app: { title: 'Test' },
          backend: { baseUrl: 'http://kaito.test' },
        },
        context: 'test',
      },
    ] as any,
  };
  server.use(
    http.get(`${API}/workspaces`, () =>
      HttpResponse.json({ items: [], errors: [] }),
    ),
  );
  const app = createApp({
    apis: [createApiFactory(kaitoApiRef, testKaitoClient())],
    __experimentalTranslations: {
      resources: [
        createTranslationMessages({ ref: kaitoTranslationRef, messages }),
      ],
    },
  });
  const Root = app.createRoot(
    <AppRouter>
      <Routes>
        <Route
          path="/*"
          element={
            <EntityProvider entity={unlinked}>
              <EntityKaitoContent />
            </EntityProvider>
          }
        />
      </Routes>
    </AppRouter>,
  );
  render(<Root />);
}

describe('kaitoTranslationRef', () => {
  it('gives the English text by default', async () => {
    await renderWithMessages({});
    expect(
      await screen.findByText('No LLM workspace serves this entity yet'),
    ).toBeInTheDocument();
  });

  it('lets an app reword the tab, filling in the annotation and template', async () => {
    await renderWithMessages({
      'entityContent.emptyTitle': 'Noch kein LLM-Workspace',
      'entityContent.emptyDescription':
        'Vorlage: {{template}}; Annotation: {{annotation}}',
      deployTemplate: 'Deploy-LLM-Vorlage',
    });
    expect(
      await screen.findByText('Noch kein LLM-Workspace'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Vorlage: Deploy-LLM-Vorlage; Annotation:/))
      .toBeInTheDocument();
    expect(
      screen.getByText(
        'backstage.kaito.sh/workspace: <cluster>/<namespace>/<name>',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No LLM workspace serves this entity yet'),
    ).not.toBeInTheDocument();
  });
});
