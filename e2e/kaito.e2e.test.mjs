// Browser tests of the Kaito plugin on the portal's embedded simulator: the
// "Deploy LLM" template run from the UI, the workspace's entity tab reaching
// Ready, a streamed chat reply; and a deployment on an instance type the
// simulator refuses (QuotaExceeded), whose reason the tab must show.
// Screenshots go to $KAITO_E2E_SCREENSHOTS (see browser.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPortal } from './browser.mjs';

const FAILING_INSTANCE_TYPE = 'Standard_ND96isr_H100_v5';

/** A name no earlier run used, so runs against a long-lived portal do not clash. */
function uniqueName(prefix) {
  return `${prefix}-${Date.now().toString(36)}`;
}

/** Lets Material UI's menu transitions (225 ms) finish before a screenshot. */
async function settleAnimations(page) {
  await page.waitForTimeout(400);
}

/** Signs in, waits for the app shell, and opens a path. */
async function open(portal, path) {
  const { page } = portal;
  await page.getByText('LLM workspaces').first().waitFor({ timeout: 60_000 });
  await page.goto(new URL(path, page.url()).href);
}

/**
 * Fills the Deploy LLM template: the preset keeps its default
 * (phi-3-mini-4k-instruct), the instance type is picked in the Kaito GPU
 * shape field, then the task starts.
 */
async function runDeployTemplate(portal, { name, instanceType }) {
  const { page } = portal;
  await open(portal, '/create/templates/default/deploy-llm');
  await page.getByLabel('Workspace name').fill(name, { timeout: 60_000 });
  await page
    .getByText('microsoft/Phi-3-mini-4k-instruct')
    .first()
    .waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Next' }).click();

  // The shape picker lists only instance types the preset fits, with cost.
  const shape = page.getByRole('button', { name: /GPU instance type/ });
  await page
    .getByText(/instance types on local fit phi-3-mini-4k-instruct/)
    .waitFor({ timeout: 60_000 });
  await shape.click();
  const option = page.getByRole('option', { name: new RegExp(instanceType) });
  await option.waitFor();
  await settleAnimations(page);
  await portal.screenshot('deploy-llm-gpu-shapes');
  await option.click();
  await page.locator('.MuiPopover-root').waitFor({ state: 'detached' });
  await page
    .getByText(/node.*GPU.*\/h/)
    .first()
    .waitFor({ timeout: 30_000 });
  await page.getByText(/GPUs left/).waitFor({ timeout: 30_000 });
  await settleAnimations(page);
  await portal.screenshot(`deploy-llm-form-${instanceType}`);
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
}

/** Polls the entity tab until the catalog has the workspace's Resource. */
async function openWorkspaceTab(portal, name) {
  const { page } = portal;
  const tab = `/catalog/default/resource/local-default-${name}/kaito`;
  for (let attempt = 0; attempt < 30; attempt += 1) {
    await page.goto(new URL(tab, page.url()).href);
    const state = page.getByTestId('workspace-state');
    try {
      await state.waitFor({ timeout: 5_000 });
      return state;
    } catch {
      // The catalog provider has not mirrored the workspace yet.
    }
  }
  throw new Error(`the entity tab ${tab} never showed the workspace`);
}

/** Deletes the workspace from its tab and waits until it is gone, freeing the team's GPU quota. */
async function deleteFromTab(page) {
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete workspace' }).click();
  await page.getByText('Workspace deleted').waitFor({ timeout: 120_000 });
}

test(
  'Deploy LLM from the UI: the entity tab reaches Ready and the chat streams a reply',
  { timeout: 300_000 },
  async () => {
    const portal = await openPortal();
    const { page } = portal;
    const name = uniqueName('e2e-phi');
    try {
      await runDeployTemplate(portal, {
        name,
        instanceType: 'Standard_NV36ads_A10_v5',
      });
      await page
        .getByRole('link', { name: 'Open the workspace' })
        .waitFor({ timeout: 180_000 });
      await portal.screenshot('deploy-llm-task-done');

      const state = await openWorkspaceTab(portal, name);
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="workspace-state"]')
            ?.textContent === 'Ready',
        null,
        { timeout: 120_000 },
      );
      assert.equal(await state.textContent(), 'Ready');
      await page.getByText('Standard_NV36ads_A10_v5').first().waitFor();
      await page.getByRole('table', { name: 'Nodes' }).waitFor();
      await portal.screenshot('kaito-tab-ready');

      const message = page.getByRole('textbox', { name: 'Message' });
      await message.fill('Say hello to the e2e test.');
      // Records every distinct text the reply shows: a streamed reply grows in steps.
      await page.evaluate(() => {
        const seen = [];
        window.kaitoReplyTexts = seen;
        new MutationObserver(() => {
          const replies = document.querySelectorAll(
            '[data-testid="chat-reply"]',
          );
          const text = replies[replies.length - 1]?.textContent ?? '';
          if (text && seen[seen.length - 1] !== text) seen.push(text);
        }).observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      await page.getByRole('button', { name: 'Send' }).click();
      const reply = page.getByTestId('chat-reply').last();
      await page
        .getByTestId('chat-metrics')
        .first()
        .waitFor({ timeout: 60_000 });
      const text = (await reply.textContent()) ?? '';
      assert.match(text, /simulated/i, 'the simulator answered');
      const steps = await page.evaluate(() => window.kaitoReplyTexts.length);
      assert.ok(
        steps > 2,
        `the reply arrived in pieces (${steps} distinct texts)`,
      );
      assert.match(
        await page.getByTestId('chat-metrics').first().textContent(),
        /time to first token .* tokens\/s/,
      );
      await reply.scrollIntoViewIfNeeded();
      await portal.screenshot('kaito-chat');

      // The backend keeps the chat per user and workspace: it survives a reload.
      await page.reload();
      await page.getByTestId('workspace-state').waitFor({ timeout: 60_000 });
      const keptQuestion = page.getByTestId('chat-user-message').last();
      await keptQuestion.waitFor({ timeout: 30_000 });
      assert.equal(await keptQuestion.textContent(), 'Say hello to the e2e test.');
      assert.match(
        (await page.getByTestId('chat-reply').last().textContent()) ?? '',
        /simulated/i,
        'the kept reply came back',
      );

      await deleteFromTab(page);
      assert.deepEqual(portal.pageErrors.map(String), []);
    } catch (error) {
      await portal.screenshot('failed-deploy-ready');
      throw error;
    } finally {
      await portal.close();
    }
  },
);

test(
  'Deploy LLM on an instance type without quota: the tab shows QuotaExceeded and why',
  { timeout: 300_000 },
  async () => {
    const portal = await openPortal();
    const { page } = portal;
    const name = uniqueName('e2e-h100');
    try {
      await runDeployTemplate(portal, {
        name,
        instanceType: FAILING_INSTANCE_TYPE,
      });
      // The task now waits for a model that cannot start; the tab must say why.
      await page
        .getByText('Request the workspace')
        .waitFor({ timeout: 60_000 });
      await page.waitForURL(/\/create\/tasks\//);
      await portal.screenshot('deploy-llm-task-waiting');

      await openWorkspaceTab(portal, name);
      await page
        .getByText('QuotaExceeded')
        .first()
        .waitFor({ timeout: 60_000 });
      const reason = await page
        .getByTestId('chat-disabled-reason')
        .textContent();
      assert.match(reason, /QuotaExceeded/);
      assert.equal(
        await page.getByRole('textbox', { name: 'Message' }).isDisabled(),
        true,
      );
      await portal.screenshot('kaito-tab-quota-exceeded');

      await deleteFromTab(page);
      assert.deepEqual(portal.pageErrors.map(String), []);
    } catch (error) {
      await portal.screenshot('failed-deploy-quota');
      throw error;
    } finally {
      await portal.close();
    }
  },
);
