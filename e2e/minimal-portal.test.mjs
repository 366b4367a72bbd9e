// Browser test of the minimal portal (portals/minimal), the one wired exactly
// as docs/add-to-your-portal.md says: a new-frontend-system app that mounts the
// Kaito plugin from its /alpha entry. It signs in as guest, creates a workspace
// for the catalog's minimal-chat-service through the REST API with the guest's
// own token (so the guide's permission policy decides), opens the service's
// LLM workspace tab and waits for the workspace's status to reach Ready, then
// finds the workspace on the plugin's LLM workspaces page.
// Run by scripts/test.sh after it starts the portal (portals/minimal/start.sh);
// the URLs come from MINIMAL_PORTAL_URL and MINIMAL_BACKEND_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const appUrl = process.env.MINIMAL_PORTAL_URL ?? 'http://localhost:3100';
const backendUrl = process.env.MINIMAL_BACKEND_URL ?? 'http://localhost:7107';
const screenshotDir =
  process.env.KAITO_E2E_SCREENSHOTS ?? join(process.cwd(), 'e2e-artifacts');

// The workspace the catalog's minimal-chat-service is annotated with
// (portals/minimal/catalog/entities.yaml).
const workspace = {
  cluster: 'local',
  namespace: 'team-ml-team',
  name: 'minimal-phi',
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NC24ads_A100_v4',
  owner: 'group:default/ml-team',
  entityRef: 'component:default/minimal-chat-service',
};

async function launch() {
  mkdirSync(screenshotDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'kaito-minimal-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    screenshot: name =>
      page.screenshot({ path: join(screenshotDir, `minimal-${name}.png`) }),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The signed-in guest's Backstage token, as the app itself gets it. */
async function guestToken(page) {
  const session = await page.evaluate(async url => {
    const response = await fetch(
      `${url}/api/auth/guest/refresh?env=development`,
      {
        credentials: 'include',
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      },
    );
    return { status: response.status, body: await response.json() };
  }, backendUrl);
  assert.equal(
    session.status,
    200,
    `guest refresh: ${JSON.stringify(session.body)}`,
  );
  return session.body.backstageIdentity.token;
}

/**
 * Creates the team's namespace with kubectl, as the guide tells adopters to,
 * through the admin kubeconfig the simulator writes when the portal runs with
 * KAITO_SIMULATOR_KUBECONFIG (scripts/test.sh sets it).
 */
function createTeamNamespace() {
  const path = (process.env.KAITO_SIMULATOR_KUBECONFIG ?? '').replaceAll(
    '{cluster}',
    workspace.cluster,
  );
  assert.ok(
    path && existsSync(path),
    `start the minimal portal with KAITO_SIMULATOR_KUBECONFIG set (as scripts/test.sh does); no kubeconfig at '${path}'`,
  );
  try {
    execFileSync(
      'kubectl',
      ['--kubeconfig', path, 'create', 'namespace', workspace.namespace],
      { stdio: 'pipe' },
    );
  } catch (error) {
    if (!String(error.stderr).includes('AlreadyExists')) throw error;
  }
}

/** Creates the workspace; one left by an earlier run against the same portal is fine. */
async function createWorkspace(token) {
  const response = await fetch(`${backendUrl}/api/kaito/workspaces`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(workspace),
  });
  const body = await response.text();
  assert.ok(
    response.status === 201 || response.status === 409,
    `POST /api/kaito/workspaces answered ${response.status}: ${body}`,
  );
}

test('the minimal portal shows a workspace in the LLM workspace tab from the /alpha entry', async () => {
  const portal = await launch();
  const { page } = portal;
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(error));
  try {
    await page.goto(appUrl);
    await page
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 120_000 });
    // Signed in once the app's nav shows; navigating earlier lands on sign-in again.
    await page
      .getByRole('link', { name: 'Catalog' })
      .first()
      .waitFor({ timeout: 60_000 });

    createTeamNamespace();
    await createWorkspace(await guestToken(page));

    const entity = `/catalog/default/component/${
      workspace.entityRef.split('/')[1]
    }`;
    await page.goto(new URL(entity, appUrl).href);
    // The entity page's tabs are links in the new frontend system's header.
    const tab = page.getByText('LLM workspace', { exact: true });
    await tab.waitFor({ timeout: 60_000 });
    await tab.click();
    const state = page.getByTestId('workspace-state');
    await state.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="workspace-state"]')
          ?.textContent === 'Ready',
      null,
      { timeout: 120_000 },
    );
    await page.getByText(workspace.name).first().waitFor();
    await portal.screenshot('workspace-tab');
    assert.equal(new URL(page.url()).pathname, `${entity}/kaito`);

    // The plugin's page, also mounted from /alpha, lists the workspace.
    await page.goto(new URL('/kaito', appUrl).href);
    await page.getByText('LLM workspaces').first().waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: workspace.name }).first().waitFor({ timeout: 60_000 });
    await portal.screenshot('workspaces-page');
    assert.deepEqual(pageErrors.map(String), []);
  } catch (error) {
    await portal.screenshot('failure').catch(() => {});
    throw error;
  } finally {
    await portal.close();
  }
});
