// Browser test of an InferenceSet's life on the portal's embedded simulator
// (issue 17's "Done when"): Deploy LLM with 3 replicas serving a component,
// the GPUs and cost multiplied out in the form, every replica Ready on the
// component's tab, a chat with one replica (which serves the model under the
// set's name), a scale down to 1 from the tab, and the delete. It uses its own
// set name and deletes what it made, so it can run again on the same portal.
// Screenshots go to $KAITO_E2E_SCREENSHOTS (see browser.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPortal } from './browser.mjs';

const A10 = 'Standard_NV36ads_A10_v5';
const CLUSTER = 'local';
const NAMESPACE = 'default';
const COMPONENT_TAB = '/catalog/default/component/support-assistant/kaito';

/**
 * Waits for the app shell, then opens a path of the portal; signs the guest in again
 * when the reload lands on the sign-in page (the dev backend restarts when files change).
 */
async function open(page, path) {
  await page.getByText('LLM workspaces').first().waitFor({ timeout: 60_000 });
  await page.goto(new URL(path, page.url()).href);
  const enter = page.getByRole('button', { name: 'Enter' });
  const settings = page.getByRole('link', { name: 'Settings' });
  await Promise.race([enter.waitFor({ timeout: 60_000 }), settings.waitFor({ timeout: 60_000 })]);
  if (await enter.isVisible()) {
    await enter.click();
    await settings.waitFor({ timeout: 60_000 });
    await page.goto(new URL(path, page.url()).href);
  }
}

/** The set's card on the component's tab (the dev build suffixes Material UI's class names, e.g. MuiCard-root-123). */
function setCard(page, name) {
  return page.locator('[class*="MuiCard-root"]', { hasText: `InferenceSet ${CLUSTER}/${NAMESPACE}/${name}` });
}

/** Cleanup after a failure: deletes the set from the component's tab, if it is there. Never throws. */
async function deleteSetIfPresent(page, name) {
  try {
    await open(page, COMPONENT_TAB);
    const card = setCard(page, name);
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: 'Delete set' }).click();
    await card.getByRole('button', { name: /^Delete \d+ replicas? and the set$/ }).click();
    await card.getByText('InferenceSet deleted; its replicas are going.').waitFor({ timeout: 30_000 });
  } catch {
    // Never created, or already gone.
  }
}

test(
  'Deploy LLM with 3 replicas: an InferenceSet, Ready on the tab, chat, scale to 1, delete',
  { timeout: 420_000 },
  async () => {
    const name = `e2e-set-${Date.now().toString(36)}`;
    const portal = await openPortal();
    const { page } = portal;
    let failed = false;
    try {
      await open(page, '/create/templates/default/deploy-llm');
      await page.getByLabel('Workspace name').fill(name, { timeout: 60_000 });
      await page.getByText('microsoft/Phi-3-mini-4k-instruct').first().waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Next' }).click();

      // Where it runs: the default A10, then 3 replicas, multiplied out under the field.
      await page.getByText(new RegExp(`instance types on ${CLUSTER} fit phi-3-mini-4k-instruct`)).waitFor({ timeout: 60_000 });
      await page.getByText(new RegExp(A10)).first().waitFor({ timeout: 30_000 });
      const replicas = page.getByLabel('Replicas');
      await replicas.fill('3');
      await page.getByText(/^3 × 1 GPU = 3 GPUs, .* · quota: \d+ of \d+ GPUs in use$/).waitFor({ timeout: 30_000 });
      await portal.screenshot('deploy-llm-replicas');
      await page.getByRole('button', { name: 'Next' }).click();

      // Ownership: the team's default, serving the support assistant.
      // The label also names the picker's listbox once it opens: the text input is the field.
      const component = page.getByRole('textbox', { name: 'Component' });
      await component.click({ timeout: 30_000 });
      await component.fill('support-assistant');
      await page.getByRole('option', { name: /support-assistant/ }).first().click({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL(/\/create\/tasks\//, { timeout: 60_000 });
      // The wait step ends once every replica is Ready.
      await page.getByRole('link', { name: 'Open the workspace' }).waitFor({ timeout: 240_000 });
      await page.getByRole('link', { name: 'Open the workspace' }).click();
      await page.waitForURL(new RegExp(`${COMPONENT_TAB}$`), { timeout: 30_000 });

      const card = setCard(page, name);
      await card.waitFor({ timeout: 60_000 });
      await card.getByText(/^3\/3 replicas ready · phi-3-mini-4k-instruct on Standard_NV36ads_A10_v5$/).waitFor({ timeout: 60_000 });
      const replicaNames = (await card.getByRole('cell', { name: new RegExp(`^${name}-[a-z0-9]{5}$`) }).allTextContents()).sort();
      assert.equal(replicaNames.length, 3, `three replica workspaces (${replicaNames.join(', ')})`);
      assert.equal(await card.getByText('Ready', { exact: true }).count(), 3);
      await portal.screenshot('inference-set-tab-3-ready');

      // Chat with one replica: it serves the model under the set's name.
      await open(page, `/kaito/${CLUSTER}/${NAMESPACE}/${replicaNames[0]}`);
      await page.getByTestId('workspace-state').waitFor({ timeout: 30_000 });
      await page.getByRole('textbox', { name: 'Message' }).fill('Hello, replica.');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByTestId('chat-metrics').first().waitFor({ timeout: 60_000 });
      const reply = (await page.getByTestId('chat-reply').last().textContent()) ?? '';
      assert.match(reply, /simulated/i, 'the simulator answered');
      assert.match(reply, new RegExp(name), 'the replica serves the model under the set name');
      await portal.screenshot('inference-set-replica-chat');

      // Scale to 1 from the tab.
      await open(page, COMPONENT_TAB);
      await card.waitFor({ timeout: 60_000 });
      const count = card.getByRole('textbox', { name: 'Replicas', exact: true });
      await count.fill('1');
      await card.getByRole('button', { name: 'Scale' }).click();
      await card.getByText(/^1\/1 replicas ready/).waitFor({ timeout: 120_000 });
      await page.waitForFunction(
        ({ prefix }) =>
          [...document.querySelectorAll('td')].filter(td => new RegExp(`^${prefix}-[a-z0-9]{5}$`).test(td.textContent ?? '')).length === 1,
        { prefix: name },
        { timeout: 120_000 },
      );
      await portal.screenshot('inference-set-scaled-to-1');

      // Delete: the set and its replica go.
      await card.getByRole('button', { name: 'Delete set' }).click();
      await card.getByRole('button', { name: 'Delete 1 replica and the set' }).click();
      await card.getByText('InferenceSet deleted; its replicas are going.').waitFor({ timeout: 30_000 });
      await card.waitFor({ state: 'detached', timeout: 120_000 });
      assert.deepEqual(portal.pageErrors.map(String), []);
    } catch (error) {
      failed = true;
      await portal.screenshot('failed-inference-set').catch(() => {});
      throw error;
    } finally {
      if (failed) await deleteSetIfPresent(page, name);
      await portal.close();
    }
  },
);
