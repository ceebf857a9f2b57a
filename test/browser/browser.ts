/**
 * The console in a real browser: Debian's Chromium driven by playwright-core, against the
 * gateway app of the integration suite (real Fabric network) listening on a local port and
 * serving the built console (console/dist), signed in with the demo users' passwords.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../gateway-api/src/app';
import type { AppDeps } from '../../gateway-api/src/deps';
import { createReadModelService } from '../../gateway-api/src/read-model/bootstrap';
import { loadReadModelConfig } from '../../gateway-api/src/read-model/config';
import type { ReadModelService } from '../../gateway-api/src/read-model/service';
import { allRoutes } from '../../gateway-api/src/routes';
import { Sessions } from '../../gateway-api/src/sessions/sessions';
import { gatewayDeps, passwordOf, userOf, type DemoUser } from '../support/network';

export const CHROMIUM = process.env.RXCHAIN_CHROMIUM ?? '/usr/bin/chromium';
/**
 * Where the role screenshots go: the README's own (docs/screenshots) when RXCHAIN_UPDATE_SCREENSHOTS=1,
 * otherwise the run folder, so an ordinary test run leaves the working tree as it was.
 */
export const SCREENSHOTS = process.env.RXCHAIN_UPDATE_SCREENSHOTS === '1'
  ? path.resolve(__dirname, '..', '..', 'docs', 'screenshots')
  : path.resolve(__dirname, '..', '..', '.run', 'screenshots');
const CONSOLE_DIST = path.resolve(__dirname, '..', '..', 'console', 'dist', 'index.html');

export interface Gateway {
  url: string;
  close(): Promise<void>;
}

let readModel: { service: ReadModelService; dir: string } | undefined;

/**
 * The oversight read model the investigator's record checks read, on a PGlite database of its
 * own, caught up with the chain before the first test.
 */
async function startReadModel(): Promise<ReadModelService> {
  if (readModel) return readModel.service;
  const base = gatewayDeps();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-browser-rm-'));
  const service = createReadModelService(base, loadReadModelConfig({ RXCHAIN_READ_MODEL: 'on', RXCHAIN_READ_MODEL_DIR: dir }));
  if (!service) throw new Error('read model disabled');
  service.startInBackground(500);
  readModel = { service, dir };
  const height = BigInt((await base.ledger.chainHeight(userOf('investigator1'))).height);
  const deadline = Date.now() + 120_000;
  while (BigInt(service.status().processedHeight ?? '0') < height) {
    if (Date.now() > deadline) throw new Error(`the read model did not reach height ${height} in 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return service;
}

export async function stopReadModel(): Promise<void> {
  if (!readModel) return;
  await readModel.service.stop();
  fs.rmSync(readModel.dir, { recursive: true, force: true });
  readModel = undefined;
}

/**
 * The gateway on a free port, with the read model; `sessions` overrides the session policy (a
 * short idle timeout for the expiry test) with a session store of its own.
 */
export async function startGateway(sessions: Partial<AppDeps['config']['sessions']> = {}): Promise<Gateway> {
  if (!fs.existsSync(CONSOLE_DIST)) throw new Error(`the console is not built (${CONSOLE_DIST}); run npm run build`);
  const base = gatewayDeps();
  const policy = { ...base.config.sessions, ...sessions };
  const deps: AppDeps = { ...base, config: { ...base.config, sessions: policy }, sessions: new Sessions(base.identities, policy), readModel: await startReadModel() };
  const server = createApp(deps, allRoutes(deps)).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  // Root in a container has no user namespace for Chromium's sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A browser profile of its own (its own cookie) at a viewport, Chinese first. */
export async function newContext(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Signs in through the sign-in screen and waits for the signed-in layout. */
export async function signIn(page: Page, gateway: Gateway, user: DemoUser, password = passwordOf(user)): Promise<void> {
  await page.goto(`${gateway.url}/app/sign-in`);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('signed-in-user').waitFor();
}

/** Picks `option` in the antd Select whose input has id `id`, first typing `search` when it is searchable. */
export async function choose(page: Page, id: string, option: string | RegExp, search?: string): Promise<void> {
  await page.locator('.ant-select').filter({ has: page.locator(`#${id}`) }).click();
  if (search) await page.locator(`#${id}`).fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

const FAILURES = path.resolve(__dirname, '..', '..', '.run', 'browser-failures');

/** What each page of a failed test showed: a screenshot, its address and its text. */
export async function keepFailure(title: string, pages: Page[]): Promise<void> {
  fs.mkdirSync(FAILURES, { recursive: true });
  const slug = title.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60);
  for (const [i, page] of pages.entries()) {
    try {
      await page.screenshot({ path: path.join(FAILURES, `${slug}-${i}.png`) });
      const text = await page.locator('body').innerText();
      console.log(`      [page ${i}] ${page.url()}\n${text.slice(0, 600).replace(/^/gm, '        ')}`);
    } catch {
      // the page is gone
    }
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Pages a bookmark-paged list until `target` is on screen. Lists page in key order (prescription or
 * batch id), so a new record can land on any page; past the last page the list is reloaded, as it
 * may have been read before the write reached the peer that answered.
 */
export async function pageTo(p: Page, target: ReturnType<Page['locator']>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await p.locator('.ant-table-row, .ant-empty').first().waitFor();
  while (!(await target.count())) {
    if (Date.now() > deadline) throw new Error(`not on any page of the list after ${timeoutMs} ms`);
    const next = p.getByRole('button', { name: '下一页' });
    if ((await next.count()) && !(await next.isDisabled())) await next.click();
    else await p.reload();
    await p.locator('.ant-table-row, .ant-empty').first().waitFor();
  }
}
