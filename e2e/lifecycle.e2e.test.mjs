// Browser tests of a workspace's whole life on the portal's embedded simulator
// (issue 14's "Done when"): a gated Llama deployed with its model-access
// Secret; the form refusing a shape that does not fit; the workspace link
// while it provisions; the live LLM workspaces page with its filters in the
// URL; retry after QuotaExceeded; a tuning workspace releasing its node; and
// an edit from A10 to A100. Each test uses its own workspace name and deletes
// what it created, so the suite can run again against the same portal.
//
// The gated-model test creates the HF token Secret through the simulator's
// Kubernetes API as its admin (see simulator.mjs).
// Screenshots go to $KAITO_E2E_SCREENSHOTS (see browser.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPortal, portalUrl } from './browser.mjs';
import { kubeRequest } from './simulator.mjs';

const A10 = 'Standard_NV36ads_A10_v5';
const A100 = 'Standard_NC24ads_A100_v4';
const FAILING_INSTANCE_TYPE = 'Standard_ND96isr_H100_v5';
const CLUSTER = 'local';
const NAMESPACE = 'default';

/** A name no earlier run used, so runs against a long-lived portal do not clash. */
function uniqueName(prefix) {
  return `${prefix}-${Date.now().toString(36)}`;
}

/** Lets Material UI's menu transitions (225 ms) finish before a screenshot. */
async function settleAnimations(page) {
  await page.waitForTimeout(400);
}

/** Waits for the app shell, then opens a path of the portal. */
async function open(page, path) {
  await page.getByText('LLM workspaces').first().waitFor({ timeout: 60_000 });
  await page.goto(new URL(path, page.url()).href);
}

/** Picks a model in the Deploy LLM template's preset field by searching for it. */
async function choosePreset(page, search, presetName) {
  const input = page.getByPlaceholder('Search by name or Hugging Face repo');
  await input.waitFor({ timeout: 60_000 });
  await input.click();
  await input.fill(search);
  const option = page.getByRole('option', { name: new RegExp(presetName) }).first();
  await option.waitFor({ timeout: 30_000 });
  await option.click();
}

/** Waits until the GPU shape field has settled on a fitting shape. */
async function waitForFittingShape(page, presetName) {
  await page
    .getByText(new RegExp(`instance types on ${CLUSTER} fit ${presetName}`))
    .waitFor({ timeout: 60_000 });
  await page.getByText(/node.*GPU.*\/h/).first().waitFor({ timeout: 30_000 });
}

/** Picks an instance type in a Material UI select opened by `trigger`. */
async function chooseOption(page, trigger, instanceType) {
  await trigger.click();
  const option = page.getByRole('option', { name: new RegExp(instanceType) });
  await option.first().waitFor({ timeout: 30_000 });
  await option.first().click();
  await page.locator('.MuiPopover-root').waitFor({ state: 'detached' });
}

/**
 * Fills and submits the Deploy LLM template: the default model
 * (phi-3-mini-4k-instruct) unless `preset` is given, the given instance type
 * or else the cheapest fitting one the field selects itself.
 */
async function runDeployTemplate(page, { name, preset, modelAccessSecret, instanceType }) {
  await open(page, '/create/templates/default/deploy-llm');
  await page.getByLabel('Workspace name').fill(name, { timeout: 60_000 });
  const presetName = preset?.name ?? 'phi-3-mini-4k-instruct';
  if (preset) {
    await choosePreset(page, preset.search, preset.name);
  } else {
    await page.getByText('microsoft/Phi-3-mini-4k-instruct').first().waitFor({ timeout: 30_000 });
  }
  if (modelAccessSecret !== undefined) {
    await page.getByTestId('kaito-model-access-secret').fill(modelAccessSecret);
  }
  await page.getByRole('button', { name: 'Next' }).click();

  await waitForFittingShape(page, presetName);
  if (instanceType) {
    await chooseOption(page, page.getByRole('button', { name: /GPU instance type/ }), instanceType);
    await page.getByText(/node.*GPU.*\/h/).first().waitFor({ timeout: 30_000 });
  }
  await page.getByText(/GPUs left/).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/create\/tasks\//, { timeout: 60_000 });
}

/** Polls the entity tab until the catalog has the workspace's Resource. */
async function openWorkspaceTab(page, name) {
  const tab = `/catalog/default/resource/${CLUSTER}-${NAMESPACE}-${name}/kaito`;
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

/** Waits until the tab's (or detail view's) state reads `state`. */
async function waitForState(page, state, timeout = 180_000) {
  await page.waitForFunction(
    expected =>
      document.querySelector('[data-testid="workspace-state"]')?.textContent === expected,
    state,
    { timeout },
  );
}

/** Deletes the workspace from its tab and waits until it is gone, freeing the team's GPU quota. */
async function deleteFromTab(page) {
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete workspace' }).click();
  await page.getByText('Workspace deleted').waitFor({ timeout: 120_000 });
}

/**
 * Cleanup after a failure: deletes the workspace if it still exists, so the
 * next run starts with the team's quota free. Never throws.
 */
async function deleteIfPresent(page, name) {
  try {
    await page.goto(new URL(`/kaito/${CLUSTER}/${NAMESPACE}/${name}`, page.url()).href);
    await page.getByTestId('workspace-state').waitFor({ timeout: 15_000 });
    await deleteFromTab(page);
  } catch {
    // Never created, or already gone.
  }
}

/** Runs `body` with a signed-in browser; a screenshot on failure, cleanup of `names` always. */
async function withPortal(screenshotName, names, body) {
  const portal = await openPortal();
  let failed = false;
  try {
    await body(portal);
    assert.deepEqual(portal.pageErrors.map(String), []);
  } catch (error) {
    failed = true;
    await portal.screenshot(`failed-${screenshotName}`).catch(() => {});
    throw error;
  } finally {
    if (failed) {
      for (const name of names) await deleteIfPresent(portal.page, name);
    }
    await portal.close();
  }
}

/** Creates (or keeps) a Secret with HF_TOKEN in the namespace, as `kubectl create secret generic` would. */
async function ensureHfTokenSecret(name) {
  const { status, body } = await kubeRequest('POST', `/api/v1/namespaces/${NAMESPACE}/secrets`, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: NAMESPACE },
    type: 'Opaque',
    stringData: { HF_TOKEN: 'hf_e2e_test_token' },
  });
  assert.ok(status === 201 || status === 409, `creating Secret ${name}: HTTP ${status} ${JSON.stringify(body)}`);
}

test(
  'Deploy LLM with a gated Llama: the model-access secret field, then Ready',
  { timeout: 300_000 },
  async () => {
    const name = uniqueName('e2e-llama');
    const secret = 'e2e-hf-token';
    await ensureHfTokenSecret(secret);
    await withPortal('gated-llama', [name], async portal => {
      const { page } = portal;
      await open(page, '/create/templates/default/deploy-llm');
      await page.getByLabel('Workspace name').fill(name, { timeout: 60_000 });
      // The picker marks gated models.
      const input = page.getByPlaceholder('Search by name or Hugging Face repo');
      await input.click({ timeout: 60_000 });
      await input.fill('Llama-3.1-8B-Instruct');
      const option = page.getByRole('option', { name: /llama-3\.1-8b-instruct/i }).first();
      await option.waitFor({ timeout: 30_000 });
      assert.match(await option.textContent(), /gated · needs HF token/);
      await option.click();
      // The secret field shows for the gated model and is required.
      const field = page.getByTestId('kaito-model-access-secret');
      await field.waitFor({ timeout: 30_000 });
      assert.equal(await page.getByLabel(/Model access secret/).count(), 1);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByText(/is gated: name the Secret that holds HF_TOKEN/).first().waitFor({ timeout: 30_000 });
      await field.fill(secret);
      await settleAnimations(page);
      await portal.screenshot('deploy-llm-gated-secret');
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByText(/instance types on local fit llama-3\.1-8b-instruct/).waitFor({ timeout: 60_000 });
      await page.getByText(/GPUs left/).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('link', { name: 'Open the workspace' }).waitFor({ timeout: 180_000 });

      await openWorkspaceTab(page, name);
      await waitForState(page, 'Ready');
      await page.getByText(/llama-3\.1-8b-instruct/i).first().waitFor();
      await deleteFromTab(page);
    });
  },
);

test(
  'Deploy LLM refuses a GPU shape that does not fit: Next is blocked and says why',
  { timeout: 300_000 },
  async () => {
    const holder = uniqueName('e2e-hold');
    const name = uniqueName('e2e-nofit');
    await withPortal('no-fit', [holder], async portal => {
      const { page } = portal;
      // One A10 workspace holds 1 of the team's 8 GPUs, so no 8-GPU node is left.
      await runDeployTemplate(page, { name: holder, instanceType: A10 });

      await open(page, '/create/templates/default/deploy-llm');
      await page.getByLabel('Workspace name').fill(name, { timeout: 60_000 });
      // DeepSeek-V4-Pro (821 GiB) needs a node with 8 GPUs or more: nothing
      // fits the team's quota now, and the template's default A10 stays.
      await choosePreset(page, 'DeepSeek-V4-Pro', 'DeepSeek-V4-Pro');
      // Next by keyboard, as a keyboard user presses it: the holder's notifications pop up as
      // snackbars over the form's bottom-left corner, where a pointer click can land on them instead.
      await page.getByRole('button', { name: 'Next' }).press('Enter');
      await page.getByText(/fits no instance type on local/).waitFor({ timeout: 60_000 });
      const refusal = page.getByText(/DeepSeek-V4-Pro needs .* Over the GPU quota of group:default\/ml-team/);
      await refusal.first().waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Next' }).press('Enter');
      // Still on "Where it runs", with the refusal shown.
      await refusal.first().waitFor();
      await page.waitForTimeout(1_000);
      assert.equal(await page.getByRole('button', { name: 'Review' }).count(), 0, 'Next was blocked');
      assert.equal(await page.getByRole('button', { name: /GPU instance type/ }).count(), 1);
      await settleAnimations(page);
      await portal.screenshot('deploy-llm-shape-refused');

      await openWorkspaceTab(page, holder);
      await deleteFromTab(page);
    });
  },
);

test(
  'The create step links to the workspace while it provisions, before Ready',
  { timeout: 300_000 },
  async () => {
    const name = uniqueName('e2e-follow');
    await withPortal('follow-link', [name], async portal => {
      const { page } = portal;
      // Records every state the detail view shows, across navigations.
      await page.addInitScript(() => {
        window.kaitoStates = [];
        const record = () => {
          const text = document.querySelector('[data-testid="workspace-state"]')?.textContent;
          if (text && window.kaitoStates[window.kaitoStates.length - 1] !== text) window.kaitoStates.push(text);
        };
        new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
      });
      await runDeployTemplate(page, { name });
      const detailPath = `/kaito/${CLUSTER}/${NAMESPACE}/${name}`;
      const logs = page.getByRole('button', { name: /show logs/i });
      await logs.first().waitFor({ timeout: 30_000 });
      await logs.first().click();
      await page
        .getByText(new RegExp(`Follow ${CLUSTER}/${NAMESPACE}/${name} while it provisions: ${detailPath}`))
        .first()
        .waitFor({ timeout: 30_000 });
      assert.equal(
        await page.getByRole('link', { name: 'Open the workspace' }).count(),
        0,
        'the link in the log comes before the task ends',
      );
      await portal.screenshot('deploy-llm-follow-link');
      await page.goto(new URL(detailPath, page.url()).href);
      await page.getByTestId('workspace-state').waitFor({ timeout: 30_000 });
      await waitForState(page, 'Ready');
      const states = await page.evaluate(() => window.kaitoStates);
      assert.notEqual(states[0], 'Ready', `the view showed the workspace before Ready (${states.join(' → ')})`);
      await deleteFromTab(page);
    });
  },
);

test(
  'The LLM workspaces page shows a new workspace live, and its filters live in the URL',
  { timeout: 300_000 },
  async () => {
    const name = uniqueName('e2e-live');
    await withPortal('live-list', [name], async portal => {
      const { page } = portal;
      await open(page, '/kaito');
      await page.getByTestId('filter-state').waitFor({ state: 'attached', timeout: 60_000 });

      // Deploy from a second tab; this one is never reloaded.
      const other = await page.context().newPage();
      try {
        await other.goto(portalUrl);
        const enter = other.getByRole('button', { name: 'Enter' });
        if (await enter.isVisible({ timeout: 5_000 }).catch(() => false)) await enter.click();
        await runDeployTemplate(other, { name });
      } finally {
        await other.close();
      }
      const row = page.getByRole('link', { name, exact: true });
      await row.waitFor({ timeout: 30_000 });

      // State filter: Ready keeps the workspace once it is ready, in the URL.
      await chooseOption(page, page.locator('#kaito-filter-state'), '^Ready$');
      await page.waitForURL(/[?&]state=Ready/);
      await row.waitFor({ timeout: 120_000 });
      await portal.screenshot('kaito-page-filter-ready');
      // Failed hides it; the filter survives a reload from the URL.
      await chooseOption(page, page.locator('#kaito-filter-state'), '^Failed$');
      await page.waitForURL(/[?&]state=Failed/);
      await row.waitFor({ state: 'detached', timeout: 30_000 });
      await page.reload();
      await page.getByTestId('filter-state').waitFor({ state: 'attached', timeout: 60_000 });
      assert.equal(await page.getByTestId('filter-state').inputValue(), 'Failed');
      assert.equal(await row.count(), 0);
      await page.goto(new URL('/kaito?state=Ready', page.url()).href);
      await row.waitFor({ timeout: 60_000 });

      await row.click();
      await page.getByTestId('workspace-state').waitFor({ timeout: 30_000 });
      await deleteFromTab(page);
    });
  },
);

test(
  'A workspace failed on QuotaExceeded is retried on another instance type and becomes Ready',
  { timeout: 360_000 },
  async () => {
    const name = uniqueName('e2e-retry');
    await withPortal('retry-quota', [name], async portal => {
      const { page } = portal;
      await runDeployTemplate(page, { name, instanceType: FAILING_INSTANCE_TYPE });
      await openWorkspaceTab(page, name);
      const failed = page.getByTestId('workspace-failed');
      await failed.waitFor({ timeout: 180_000 });
      assert.match(await failed.textContent(), /QuotaExceeded|quota/i);
      await portal.screenshot('kaito-tab-failed-retry');
      await failed.getByRole('button', { name: 'Retry with another instance type' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await chooseOption(page, dialog.getByRole('button', { name: /Instance type/ }), A10);
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await dialog.waitFor({ state: 'detached', timeout: 60_000 });
      await waitForState(page, 'Ready', 240_000);
      await page.getByRole('table', { name: 'Nodes' }).getByText(A10).first().waitFor({ timeout: 60_000 });
      assert.equal(await page.getByTestId('workspace-failed').count(), 0);
      await deleteFromTab(page);
    });
  },
);

test(
  'A succeeded tuning workspace releases its GPU node',
  { timeout: 480_000 },
  async () => {
    const name = uniqueName('e2e-tune');
    await withPortal('tuning-release', [name], async portal => {
      const { page } = portal;
      await open(page, '/create/templates/default/fine-tune-llm');
      await page.getByLabel('Workspace name').fill(name, { timeout: 60_000 });
      await page.getByText('microsoft/Phi-3-mini-4k-instruct').first().waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Next' }).click(); // Model and data
      await page.getByLabel(/Push secret/).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Next' }).click(); // Output
      await waitForFittingShape(page, 'phi-3-mini-4k-instruct');
      await page.getByText(/GPUs left/).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Next' }).click(); // Where it runs
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('link', { name: 'Open the tuning workspace' }).waitFor({ timeout: 300_000 });

      await openWorkspaceTab(page, name);
      await waitForState(page, 'Succeeded', 60_000);
      // kaito.controller.tuning.releaseNodesAfterSeconds (60 s by default):
      // the node goes, the live tab shows it without a reload.
      await page.getByText('No nodes yet.').waitFor({ timeout: 150_000 });
      assert.equal(await page.getByRole('table', { name: 'Nodes' }).count(), 0);
      assert.equal(await page.getByTestId('workspace-state').textContent(), 'Succeeded');
      // The adapter image stays.
      await page.getByText('registry.local/adapters/tuned-adapter:0.1.0').first().waitFor();
      await portal.screenshot('kaito-tab-tuning-released');
      await deleteFromTab(page);
    });
  },
);

test(
  'Edit a ready workspace from A10 to A100: it is replaced and Ready on the new nodes',
  { timeout: 360_000 },
  async () => {
    const name = uniqueName('e2e-edit');
    await withPortal('edit-a100', [name], async portal => {
      const { page } = portal;
      await runDeployTemplate(page, { name, instanceType: A10 });
      await page.getByRole('link', { name: 'Open the workspace' }).waitFor({ timeout: 180_000 });
      await openWorkspaceTab(page, name);
      await waitForState(page, 'Ready');
      const nodes = page.getByRole('table', { name: 'Nodes' });
      await nodes.getByText(A10).first().waitFor({ timeout: 30_000 });

      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await chooseOption(page, dialog.getByRole('button', { name: /Instance type/ }), A100);
      await dialog.getByText(/Saving replaces/).waitFor();
      await settleAnimations(page);
      await portal.screenshot('kaito-tab-edit-a100');
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await dialog.waitFor({ state: 'detached', timeout: 60_000 });

      await nodes.getByText(A100).first().waitFor({ timeout: 240_000 });
      await waitForState(page, 'Ready', 240_000);
      assert.equal(await nodes.getByText(A10).count(), 0, 'the A10 node is gone');
      await deleteFromTab(page);
    });
  },
);
