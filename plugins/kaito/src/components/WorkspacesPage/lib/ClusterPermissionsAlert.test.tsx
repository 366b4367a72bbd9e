import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { ClusterSummary } from '@kaito-backstage/plugin-kaito-common';
import { setupKaitoServer } from '../../../__testUtils__/server';
import { API, testKaitoClient } from '../../../__testUtils__/apis';
import { kaitoApiRef } from '../../../api/KaitoApi';
import { ClusterPermissionsAlert } from './ClusterPermissionsAlert';

const server = setupKaitoServer();

const cluster = (overrides: Partial<ClusterSummary>): ClusterSummary => ({
  name: 'aks-prod',
  title: 'AKS prod',
  mode: 'builtin',
  cloud: 'azure',
  provisioner: 'gpu-provisioner',
  simulated: false,
  ...overrides,
});

function serveClusters(items: ClusterSummary[]) {
  server.use(http.get(`${API}/clusters`, () => HttpResponse.json({ items })));
}

async function renderAlert() {
  return renderInTestApp(<ClusterPermissionsAlert />, {
    apis: [[kaitoApiRef, testKaitoClient()]],
  });
}

describe('ClusterPermissionsAlert', () => {
  it('says a cluster whose mode is not yet decided is still being checked, with why it waits', async () => {
    serveClusters([
      cluster({
        name: 'undecided',
        title: 'Undecided',
        mode: 'detecting',
        error:
          'cannot choose its mode (kaito.clusters[].mode is unset, so the portal looks for a Kaito operator first): 503',
      }),
      cluster({ name: 'decided', title: 'Decided', mode: 'builtin' }),
    ]);
    await renderAlert();
    const alert = await screen.findByTestId('mode-undecided');
    expect(alert).toHaveTextContent(
      "Cluster Undecided: still finding out whether Kaito's operator runs there (observe mode) or this portal reconciles workspaces (builtin mode)",
    );
    expect(alert).toHaveTextContent('cannot choose its mode');
    expect(screen.queryByTestId('mode-decided')).not.toBeInTheDocument();
  });

  it('does not repeat the placeholder error of a cluster still connecting', async () => {
    serveClusters([cluster({ mode: 'detecting', error: 'connecting' })]);
    await renderAlert();
    const alert = await screen.findByTestId('mode-aks-prod');
    expect(alert).not.toHaveTextContent('connecting');
  });

  it('says nothing of the mode of a cluster that has decided it', async () => {
    serveClusters([
      cluster({
        mode: 'observe',
        permissions: {
          state: 'unknown',
          checkedAt: '2026-12-01T08:05:13Z',
          checked: 0,
          missing: [],
          reason: 'the API server does not answer SelfSubjectAccessReview',
        },
      }),
    ]);
    await renderAlert();
    // The permissions alert shows that the clusters have been read.
    expect(await screen.findByTestId('permissions-aks-prod')).toBeInTheDocument();
    expect(screen.queryByTestId('mode-aks-prod')).not.toBeInTheDocument();
  });
});
