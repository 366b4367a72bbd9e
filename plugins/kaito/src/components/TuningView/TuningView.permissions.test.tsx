import { act, screen, waitFor } from '@testing-library/react';
import { finishedTuningWorkspace } from '../../__testUtils__/fixtures';
import {
  permissionApiDenying,
  renderWithKaito,
} from '../../__testUtils__/render';
import { TuningView } from './TuningView';

// A file of its own: usePermission caches decisions per permission for the
// whole module, and kaito.workspace.create has no resource to tell tests apart.
describe('TuningView', () => {
  describe('when the user may not create workspaces', () => {
    it('shows the job but does not offer to deploy', async () => {
      const permissionApi = permissionApiDenying(['kaito.workspace.create']);
      await renderWithKaito(
        <TuningView workspace={finishedTuningWorkspace()} />,
        { permissionApi },
      );
      await waitFor(() =>
        expect(permissionApi.authorize).toHaveBeenCalledWith(
          expect.objectContaining({
            permission: expect.objectContaining({
              name: 'kaito.workspace.create',
            }),
            // asked about the job, so its owners may deploy its adapter
            resourceRef: finishedTuningWorkspace().key,
          }),
        ),
      );
      await act(async () => {}); // let the decision render
      expect(
        screen.getByText('registry.example.com/adapters/phi-support:v1'),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Deploy with this adapter' }),
      ).not.toBeInTheDocument();
    });
  });
});
