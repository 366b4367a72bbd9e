// Shared browser setup for the end-to-end tests: Debian's chromium driven by
// playwright-core (Playwright's own browser downloads are not reachable here).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const portalUrl = process.env.KAITO_PORTAL_URL ?? 'http://localhost:3000';
export const screenshotDir =
  process.env.KAITO_E2E_SCREENSHOTS ?? join(process.cwd(), 'e2e-artifacts');

/** Starts a headless chromium with a throw-away profile and a signed-in guest. */
export async function openPortal() {
  mkdirSync(screenshotDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'kaito-e2e-profile-'));
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
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(error));
  try {
    await page.goto(portalUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    // Signed in once the app shell shows; navigating earlier lands on sign-in again.
    await page.getByRole('link', { name: 'Settings' }).waitFor({ timeout: 60_000 });
  } catch (error) {
    // A browser left open keeps the test process alive until its timeout.
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    page,
    pageErrors,
    async screenshot(name) {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
