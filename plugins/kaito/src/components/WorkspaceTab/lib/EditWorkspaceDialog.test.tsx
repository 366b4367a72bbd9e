import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import { setupKaitoServer } from '../../../__testUtils__/server';
import { API } from '../../../__testUtils__/apis';
import { quotaStuckWorkspace, readyWorkspace } from '../../../__testUtils__/fixtures';
import { renderWithKaito } from '../../../__testUtils__/render';
import { FailedWorkspaceAlert, EditWorkspaceButton, changedFields } from './EditWorkspaceDialog';

const server = setupKaitoServer();

const A100 = 'Standard_NC24ads_A100_v4';

function failedWorkspace(name: string): WorkspaceDetails {
  const stuck = quotaStuckWorkspace();
  return {
    ...stuck,
    ref: { ...stuck.ref, name },
    key: `local/default/${name}`,
    state: 'Failed',
    workspace: {
      ...stuck.workspace,
      resource: { ...stuck.workspace.resource, instanceType: 'Standard_ND96isr_H100_v5' },
      status: {
        state: 'Failed',
        conditions: [
          {
            type: 'WorkspaceSucceeded',
            status: 'False',
            reason: 'workspaceFailed',
            message: 'NodeClaim ws1 could not launch Standard_ND96isr_H100_v5: insufficient regional vCPU quota (QuotaExceeded)',
            lastTransitionTime: '2026-11-22T10:00:00Z',
          },
        ],
      },
    },
  };
}

/** Serves the SKU list and records the PATCH bodies, answering as the backend does. */
function servePatch(answer: (body: any) => Response | Promise<Response>) {
  const bodies: any[] = [];
  server.use(
    http.get(`${API}/skus`, () =>
      HttpResponse.json({
        items: [
          { name: 'Standard_ND96isr_H100_v5', cloud: 'azure', gpuCount: 8, gpuMemoryGiB: 640, perGpuMemoryGiB: 80, gpuModel: 'H100', retired: false },
          { name: A100, cloud: 'azure', gpuCount: 1, gpuMemoryGiB: 80, perGpuMemoryGiB: 80, gpuModel: 'A100', retired: false, pricePerHour: 3.67, currency: 'USD' },
        ],
      }),
    ),
    http.patch(`${API}/workspaces/local/default/:name`, async ({ request }) => {
      const body = await request.json();
      bodies.push(body);
      return answer(body);
    }),
  );
  return bodies;
}

describe('FailedWorkspaceAlert', () => {
  it('shows the reason and retries on another instance type: a check (dry run), then the change', async () => {
    const bodies = servePatch(body =>
      HttpResponse.json({ mode: 'replace', changes: [`resource.instanceType: Standard_ND96isr_H100_v5 → ${body.instanceType}`], warnings: [] }),
    );
    await renderWithKaito(<FailedWorkspaceAlert workspace={failedWorkspace('retry-ok')} />);
    expect(await screen.findByTestId('workspace-failed')).toHaveTextContent('Failed: NodeClaim ws1 could not launch Standard_ND96isr_H100_v5');
    await userEvent.click(screen.getByRole('button', { name: 'Retry with another instance type' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit retry-ok' });
    expect(within(dialog).getByText(/QuotaExceeded/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save changes' })).toBeDisabled();

    await userEvent.click(within(dialog).getByLabelText('Instance type'));
    await userEvent.click(await screen.findByRole('option', { name: /Standard_NC24ads_A100_v4 · 1 × A100 \(80 GiB\) · \$3\.67\/h/ }));
    expect(within(dialog).getByText(/Saving replaces retry-ok/)).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(await within(dialog).findByText(/passes validation, fit and quota/)).toHaveTextContent(`resource.instanceType: Standard_ND96isr_H100_v5 → ${A100}`);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(bodies).toEqual([
      { instanceType: A100, dryRun: true },
      { instanceType: A100, dryRun: false },
    ]);
  });

  it("keeps the dialog open with the backend's reason when the change is refused", async () => {
    servePatch(() =>
      HttpResponse.json(
        { error: { name: 'NotAllowedError', message: 'Quota exceeded for group:default/ml-team: maxGpus is 2' }, response: { statusCode: 403 } },
        { status: 403 },
      ),
    );
    await renderWithKaito(<FailedWorkspaceAlert workspace={failedWorkspace('retry-refused')} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Retry with another instance type' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText('Instance type'));
    await userEvent.click(await screen.findByRole('option', { name: /Standard_NC24ads_A100_v4/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByTestId('kaito-edit-error')).toHaveTextContent('Quota exceeded for group:default/ml-team: maxGpus is 2');
  });

  it('offers no retry without kaito.workspace.update, and shows nothing for a workspace that did not fail', async () => {
    await renderWithKaito(<FailedWorkspaceAlert workspace={failedWorkspace('retry-denied')} />, { denied: ['kaito.workspace.update'] });
    expect(await screen.findByTestId('workspace-failed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry with another instance type' })).not.toBeInTheDocument();
  });
});

describe('EditWorkspaceButton', () => {
  it('changes adapters and the inference config in place', async () => {
    const bodies = servePatch(() => HttpResponse.json({ mode: 'in-place', changes: ['inference.adapters: (none) → support'], warnings: [] }));
    const ready = readyWorkspace({ ref: { cluster: 'local', namespace: 'default', name: 'edit-me' }, key: 'local/default/edit-me' });
    await renderWithKaito(<EditWorkspaceButton workspace={ready} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit edit-me' });
    await userEvent.type(within(dialog).getByLabelText('Adapters'), 'support=registry.example.com/adapters/support:1');
    await userEvent.type(within(dialog).getByLabelText('Inference config ConfigMap'), 'phi-config');
    expect(within(dialog).queryByText(/Saving replaces/)).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      adapters: [{ name: 'support', image: 'registry.example.com/adapters/support:1' }],
      inferenceConfig: 'phi-config',
      dryRun: false,
    });
  });

  it('is hidden without kaito.workspace.update', async () => {
    const ready = readyWorkspace({ ref: { cluster: 'local', namespace: 'default', name: 'no-edit' }, key: 'local/default/no-edit' });
    await renderWithKaito(<EditWorkspaceButton workspace={ready} />, { denied: ['kaito.workspace.update'] });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument());
  });
});

describe('changedFields', () => {
  it('sends only what differs, null to remove the config', () => {
    const ready = readyWorkspace();
    const withConfig = { ...ready, workspace: { ...ready.workspace, inference: { ...ready.workspace.inference!, config: 'old' } } };
    expect(changedFields(withConfig, { instanceType: ready.instanceType!, inferenceConfig: '', adapters: '' })).toEqual({ inferenceConfig: null });
    expect(changedFields(ready, { instanceType: ready.instanceType!, inferenceConfig: '', adapters: '' })).toEqual({});
  });
});
