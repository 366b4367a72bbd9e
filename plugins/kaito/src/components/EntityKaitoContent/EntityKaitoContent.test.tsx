import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { EntityKaitoContent } from './EntityKaitoContent';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-bot', annotations },
  spec: { type: 'service', owner: 'team-ml', lifecycle: 'experimental' },
});

describe('EntityKaitoContent', () => {
  describe('when the entity has no workspace annotation', () => {
    it('explains which annotation to add', async () => {
      await renderInTestApp(
        <EntityProvider entity={entity()}>
          <EntityKaitoContent />
        </EntityProvider>,
      );
      expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
      expect(screen.getAllByText(/kaito.sh\/workspace/).length).toBeGreaterThan(0);
    });
  });

  describe('when the entity names a workspace', () => {
    it('shows the workspace reference', async () => {
      await renderInTestApp(
        <EntityProvider
          entity={entity({ 'kaito.sh/workspace': 'local/default/phi-3' })}
        >
          <EntityKaitoContent />
        </EntityProvider>,
      );
      expect(screen.getByText('local/default/phi-3')).toBeInTheDocument();
    });
  });
});
