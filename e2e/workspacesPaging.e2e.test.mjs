// Browser test of the LLM workspaces page in pages (issue 16): more
// workspaces than one page, made in the portal's simulated cluster the way a
// kubectl user would (so no team quota limits how many); the first page with
// the totals of every match, the next page and back, another page size, a
// sort, the state and owner filters and the search, all carried in the URL
// and kept by a reload; and changes arriving live on the page shown (a new
// workspace on the last page, its state moving to Ready; the last page's
// workspaces deleted, and the page moving back) without a reload.
//
// Everything lives in a namespace of its own, so the search for it scopes the
// checks against whatever other tests left on the portal; the namespace and
// its workspaces are deleted afterwards.
// Screenshots go to $KAITO_E2E_SCREENSHOTS (see browser.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPortal } from './browser.mjs';
import { kubeRequest } from './simulator.mjs';

const A10 = 'Standard_NV36ads_A10_v5'; // 1 GPU, USD 3.20/h in app-config.yaml
const H100 = 'Standard_ND96isr_H100_v5'; // 8 GPUs, USD 98.32/h; the simulator answers QuotaExceeded
const PLATFORM = 'group:default/platform-team'; // the default group quota: 2 GPUs, 2 workspaces
const COUNT = 30;

const namespace = `e2e-pages-${Date.now().toString(36)}`;
const nameOf = i => `ws-${String(i).padStart(2, '0')}`;
/**
 * Three states, each for a reason that does not depend on timing:
 * ws-00..19 name no owner (charged to nobody): on A10 they become Ready, and
 * ws-09 and ws-19 on H100 Failed (the cloud's QuotaExceeded). ws-20..29 belong
 * to the platform team: ws-20 and 21 on A10 fill its quota and become Ready;
 * ws-22..29 on H100 need 8 GPUs each, over the quota, and stay Pending.
 * So nothing else may hold the platform team's quota meanwhile (no other
 * test uses the team). A dev backend that restarted keeps its in-memory
 * database but not the simulator's workspaces: their reservations stay until
 * the sweep frees them (5 minutes), and ws-20 and 21 would stay Pending.
 */
const ownerOf = i => (i >= 20 && i < COUNT ? PLATFORM : undefined);
const instanceTypeOf = i => (i === 9 || i === 19 || (i >= 22 && i < COUNT) ? H100 : A10);

/** A Workspace as `kubectl apply` would send it, with the portal's owner annotation when it has an owner. */
function workspaceManifest(i) {
  const name = nameOf(i);
  const owner = ownerOf(i);
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: {
      name,
      namespace,
      ...(owner
        ? {
            labels: { 'backstage.kaito.sh/owner': owner.replace(/[:/]/g, '-') },
            annotations: { 'backstage.kaito.sh/owner': owner },
          }
        : {}),
    },
    resource: {
      instanceType: instanceTypeOf(i),
      labelSelector: { matchLabels: { apps: name } },
    },
    inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
  };
}

async function createWorkspace(i) {
  const { status, body } = await kubeRequest(
    'POST',
    `/apis/kaito.sh/v1beta1/namespaces/${namespace}/workspaces`,
    workspaceManifest(i),
  );
  assert.equal(status, 201, `creating ${nameOf(i)}: ${JSON.stringify(body)}`);
}

async function deleteWorkspace(i) {
  const { status, body } = await kubeRequest(
    'DELETE',
    `/apis/kaito.sh/v1beta1/namespaces/${namespace}/workspaces/${nameOf(i)}`,
  );
  assert.equal(status, 200, `deleting ${nameOf(i)}: ${JSON.stringify(body)}`);
}

async function createNamespace() {
  const { status, body } = await kubeRequest('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  assert.equal(status, 201, `creating namespace ${namespace}: ${JSON.stringify(body)}`);
}

/**
 * Deletes the namespace's workspaces, waits until the controller has let them
 * go (their NodeClaims first, then the finalizer), then the namespace. Returns
 * the names still there after two minutes (they would hold the platform
 * team's quota in the next run).
 */
async function deleteEverything() {
  const path = `/apis/kaito.sh/v1beta1/namespaces/${namespace}/workspaces`;
  const names = async () => ((await kubeRequest('GET', path)).body?.items ?? []).map(item => item.metadata.name);
  for (const name of await names()) await kubeRequest('DELETE', `${path}/${name}`);
  let left = await names();
  for (let waited = 0; left.length > 0 && waited < 120; waited += 1) {
    await new Promise(resolve => setTimeout(resolve, 1_000));
    left = await names();
  }
  await kubeRequest('DELETE', `/api/v1/namespaces/${namespace}`);
  return left;
}

/** The table's rows as cell texts (the empty table's placeholder row has one cell). */
function rows(page) {
  return page.$$eval('table tbody tr', trs =>
    trs
      .map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent.trim()))
      .filter(cells => cells.length > 1),
  );
}

/** Waits until the names shown are exactly `expected`, in order. */
async function waitForNames(page, expected, timeout = 30_000) {
  try {
    await page.waitForFunction(
      names => {
        const shown = [...document.querySelectorAll('table tbody tr')]
          .map(tr => [...tr.querySelectorAll('td')])
          .filter(cells => cells.length > 1)
          .map(cells => cells[0].textContent.trim());
        return JSON.stringify(shown) === JSON.stringify(names);
      },
      expected,
      { timeout },
    );
  } catch (error) {
    const shown = (await rows(page)).map(cells => cells[0]);
    throw new Error(`expected rows ${expected.join(',')}; the page shows ${shown.join(',')}\n${error.message}`);
  }
}

/** The pagination's "from–to of total" text. */
async function waitForRange(page, range) {
  await page
    .getByTestId('workspaces-pagination')
    .getByText(range, { exact: true })
    .waitFor({ timeout: 30_000 });
}

async function totalText(page, id) {
  return (await page.getByTestId(`total-${id}`).textContent()).trim();
}

async function waitForTotal(page, id, text) {
  try {
    await page.waitForFunction(
      ([testId, expected]) => document.querySelector(`[data-testid="${testId}"]`)?.textContent === expected,
      [`total-${id}`, text],
      { timeout: 60_000 },
    );
  } catch (error) {
    throw new Error(`expected ${id} ${text}; the page shows ${await totalText(page, id)}\n${error.message}`);
  }
}

/** The state chip's text in a workspace's row. */
function stateOf(page, name) {
  return page.$$eval(
    'table tbody tr',
    (trs, wanted) => {
      const cells = trs.map(tr => tr.querySelectorAll('td')).find(tds => tds[0]?.textContent.trim() === wanted);
      return cells?.[3]?.textContent.trim();
    },
    name,
  );
}

/** Picks an option of a Material UI select opened by `trigger`. */
async function chooseOption(page, trigger, option) {
  await trigger.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.locator('.MuiPopover-root').waitFor({ state: 'detached' });
}

function searchParam(page, name) {
  return new URL(page.url()).searchParams.get(name);
}

/** The names ws-<from> up to (not including) ws-<to>. */
const range = (from, to) => Array.from({ length: to - from }, (_, k) => nameOf(from + k));

test(
  'The LLM workspaces page in pages: totals, next and back, page size, sort, filters, search, URL, live changes',
  { timeout: 300_000 },
  async () => {
    await createNamespace();
    const portal = await openPortal();
    const { page } = portal;
    try {
      for (let i = 0; i < COUNT; i += 1) await createWorkspace(i);

      // Everything readable, in pages of 25: the totals count every match, not the page.
      await page.goto(new URL('/kaito', page.url()).href);
      await page.getByTestId('workspaces-pagination').waitFor({ timeout: 60_000 });
      await page.waitForFunction(
        count => Number(document.querySelector('[data-testid="total-workspaces"]')?.textContent) >= count,
        COUNT,
        { timeout: 30_000 },
      );
      const everything = Number(await totalText(page, 'workspaces'));
      await waitForRange(page, `1–25 of ${everything}`);
      assert.equal((await rows(page)).length, 25);

      // The search narrows to this test's namespace: 30 matches, the first 25 by key.
      await page.getByTestId('filter-q').fill(namespace);
      await page.waitForURL(url => url.searchParams.get('q') === namespace);
      await waitForNames(page, range(0, 25));
      await waitForRange(page, '1–25 of 30');
      await page.getByText('Workspaces matching the filters (30)').waitFor();
      assert.equal(await totalText(page, 'workspaces'), '30');
      // 20 A10 (1 GPU each) and 10 H100 (8 each) asked for. Only the A10s cost: the 2 failed H100s once they
      // have failed, and the platform team's 8 are held back by its quota, with no node launched for them.
      assert.equal(await totalText(page, 'gpus'), String(20 + 10 * 8));
      await waitForTotal(page, 'cost-per-hour', `$${(20 * 3.2).toFixed(2)}/h`);
      await portal.screenshot('kaito-pages-first');

      // The next page and back; the offset is in the URL.
      const pagination = page.getByTestId('workspaces-pagination');
      await pagination.getByRole('button', { name: 'Next page' }).click();
      await waitForNames(page, range(25, 30));
      await waitForRange(page, '26–30 of 30');
      assert.equal(searchParam(page, 'offset'), '25');
      assert.equal(await totalText(page, 'workspaces'), '30', 'the totals are of every match, not the page');
      await pagination.getByRole('button', { name: 'Previous page' }).click();
      await waitForNames(page, range(0, 25));
      assert.equal(searchParam(page, 'offset'), null);

      // A bigger page shows all 30.
      await chooseOption(page, pagination.getByRole('button', { name: /Rows per page/ }), '50');
      await waitForNames(page, range(0, 30));
      await waitForRange(page, '1–30 of 30');
      assert.equal(searchParam(page, 'limit'), '50');

      // Sorted by name, then descending: the server sorts every match.
      const nameHeader = page.getByRole('columnheader', { name: 'Name' }).getByRole('button');
      await nameHeader.click();
      await page.waitForURL(url => url.searchParams.get('sort') === 'name');
      await waitForNames(page, range(0, 30));
      await nameHeader.click();
      await page.waitForURL(url => url.searchParams.get('order') === 'desc');
      await waitForNames(page, range(0, 30).reverse());

      // The state filter: the two the cloud refused, then the eight over the team's quota.
      await chooseOption(page, page.locator('#kaito-filter-state'), 'Failed');
      await page.waitForURL(url => url.searchParams.get('state') === 'Failed');
      await waitForNames(page, [nameOf(19), nameOf(9)]);
      await waitForTotal(page, 'workspaces', '2');
      await chooseOption(page, page.locator('#kaito-filter-state'), 'Pending');
      await page.waitForURL(url => url.searchParams.get('state') === 'Pending');
      await waitForNames(page, range(22, 30).reverse());
      // With the owner filter: the platform team's two Ready ones.
      await chooseOption(page, page.locator('#kaito-filter-state'), 'Ready');
      await chooseOption(page, page.locator('#kaito-filter-owner'), PLATFORM);
      await page.waitForURL(url => url.searchParams.get('owner') === PLATFORM);
      await waitForNames(page, [nameOf(21), nameOf(20)]);
      // The owner alone: its ten, still sorted by name descending.
      await chooseOption(page, page.locator('#kaito-filter-state'), 'Any');
      await page.waitForURL(url => url.searchParams.get('state') === null);
      await waitForNames(page, range(20, 30).reverse());
      await waitForRange(page, '1–10 of 10');

      // A reload keeps the whole view: it lives in the URL.
      await page.reload();
      await waitForNames(page, range(20, 30).reverse(), 60_000);
      assert.equal(await page.getByTestId('filter-owner').inputValue(), PLATFORM);
      assert.equal(await page.getByTestId('filter-q').inputValue(), namespace);
      assert.deepEqual(
        ['q', 'owner', 'sort', 'order', 'limit'].map(name => searchParam(page, name)),
        [namespace, PLATFORM, 'name', 'desc', '50'],
      );
      await portal.screenshot('kaito-pages-filtered');

      // The last page of 25 by key, then a workspace made meanwhile appears on it,
      // and its state goes to Ready, without a reload.
      await page.goto(new URL(`/kaito?q=${namespace}&offset=25`, page.url()).href);
      await waitForNames(page, range(25, 30), 60_000);
      await page.evaluate(() => {
        window.kaitoPagesLoaded = true; // gone if the page reloads
      });
      await createWorkspace(COUNT);
      await waitForNames(page, range(25, 31));
      await waitForRange(page, '26–31 of 31');
      await waitForTotal(page, 'workspaces', '31');
      // It shows while its node is still coming (3 s in app-config.yaml), then turns Ready.
      assert.notEqual(await stateOf(page, nameOf(COUNT)), 'Ready');
      await page.waitForFunction(
        name => {
          const row = [...document.querySelectorAll('table tbody tr')].find(
            tr => tr.querySelector('td')?.textContent.trim() === name,
          );
          return row?.querySelectorAll('td')[3]?.textContent.trim() === 'Ready';
        },
        nameOf(COUNT),
        { timeout: 120_000 },
      );
      await portal.screenshot('kaito-pages-live');

      // The last page's workspaces go: the page moves back to the last page that has rows.
      for (let i = 25; i <= COUNT; i += 1) await deleteWorkspace(i);
      await waitForNames(page, range(0, 25), 120_000);
      await waitForRange(page, '1–25 of 25');
      await page.waitForURL(url => url.searchParams.get('offset') === null);
      assert.equal(await page.evaluate(() => window.kaitoPagesLoaded), true, 'the page was not reloaded');
      assert.deepEqual(portal.pageErrors.map(String), []);
    } catch (error) {
      await portal.screenshot('failed-kaito-pages').catch(() => {});
      throw error;
    } finally {
      await portal.close();
      const left = await deleteEverything();
      assert.deepEqual(left, [], `workspaces in ${namespace} were not deleted within 2 minutes`);
    }
  },
);
