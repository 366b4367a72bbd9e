import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupKaitoServer } from '../__testUtils__/server';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import { kaitoApiRef } from '../api/KaitoApi';
import { API, testKaitoClient } from '../__testUtils__/apis';
import { readyWorkspace, summaryOf } from '../__testUtils__/fixtures';
import { permissionApiDenying } from '../__testUtils__/render';
import { eventStreamResponse } from '../__testUtils__/sse';
import kaitoPlugin from '../alpha';
import { kaitoEntityContent, kaitoWorkspacesPage } from './extensions';

const server = setupKaitoServer();

const entity = (
  kind: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'support-assistant', namespace: 'default', annotations },
  spec: {},
});

const apis = [
  [kaitoApiRef, testKaitoClient()],
  [permissionApiRef, permissionApiDenying()],
] as const;

describe('the new frontend system entry', () => {
  it('is the kaito plugin', () => {
    expect(kaitoPlugin.id).toBe('kaito');
  });

  describe('the entity content extension', () => {
    it('is the "LLM workspace" tab at /kaito', () => {
      const tester = createExtensionTester(kaitoEntityContent, { apis });
      expect(tester.get(coreExtensionData.routePath)).toBe('/kaito');
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
        'LLM workspace',
      );
    });

    it.each([
      [
        'a Resource with the annotation',
        entity('Resource', {
          'backstage.kaito.sh/workspace': 'local/default/phi-3',
        }),
        true,
      ],
      [
        'an old Component with the legacy annotation',
        entity('Component', { 'kaito.sh/workspace': 'local/default/phi-3' }),
        true,
      ],
      [
        'a Component a workspace serves',
        {
          ...entity('Component'),
          relations: [
            {
              type: 'hasLlmWorkspace',
              targetRef: 'resource:default/local-default-phi-3',
            },
          ],
        },
        true,
      ],
      ['a Component no workspace serves', entity('Component'), false],
      ['a Resource without the annotation', entity('Resource'), false],
    ])('applies to %s: %s', (_, subject, expected) => {
      const filter = createExtensionTester(kaitoEntityContent, { apis }).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      );
      expect(filter?.(subject)).toBe(expected);
    });

    it('renders the linked workspace live', async () => {
      server.use(
        http.get(`${API}/workspaces`, () =>
          HttpResponse.json({
            items: [summaryOf(readyWorkspace())],
            errors: [],
          }),
        ),
        http.get(`${API}/workspaces/local/default/phi-3/stream`, () =>
          eventStreamResponse([
            { data: { type: 'snapshot', workspace: readyWorkspace() } },
          ]),
        ),
      );
      const tester = createExtensionTester(kaitoEntityContent, { apis });
      await renderInTestApp(
        <EntityProvider entity={entity('Component')}>
          {tester.reactElement()}
        </EntityProvider>,
        { apis },
      );
      expect(await screen.findByTestId('workspace-state')).toHaveTextContent(
        'Ready',
      );
    });
  });

  describe('the page extension', () => {
    it('is mounted at /kaito', () => {
      const tester = createExtensionTester(kaitoWorkspacesPage, { apis });
      expect(tester.get(coreExtensionData.routePath)).toBe('/kaito');
    });
  });
});
