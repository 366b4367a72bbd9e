// Smoke test: the portal serves the catalog, and the catalog lists this
// repository's own entity (registered by app-config.yaml).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPortal } from './browser.mjs';

test('the catalog shows this repository as a component', async () => {
  const portal = await openPortal();
  try {
    const { page } = portal;
    await page.goto(new URL('/catalog?filters[kind]=component&filters[user]=all', page.url()).href);
    const link = page.getByRole('link', { name: 'Kaito Workspaces for Backstage' });
    await link.waitFor({ timeout: 60_000 });
    await portal.screenshot('catalog');
    await link.click();
    await page.getByText('Backstage plugin suite that deploys').first().waitFor({ timeout: 30_000 });
    await portal.screenshot('catalog-entity');
    assert.deepEqual(portal.pageErrors.map(String), []);
  } catch (error) {
    await portal.screenshot('catalog-failure').catch(() => {});
    throw error;
  } finally {
    await portal.close();
  }
});
