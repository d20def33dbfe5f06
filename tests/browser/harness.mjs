// The test harness: `kiemdiem serve --demo` on a fresh data directory and a free
// port, Debian's chromium through playwright-core, helpers that act like a person
// (log in, click labelled controls) and screenshots on a desktop and a phone viewport.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, mkdirSync, createWriteStream, writeFileSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const PASSWORD = 'kiemdiem2026';
export const SIGNING_PIN = '123456';
export const DESKTOP = {width: 1280, height: 900};
export const PHONE = {width: 390, height: 844};
// Bounds that only stop a run that hangs, far above what a passing run needs: on 2 cores the
// suite takes about 2 minutes on a quiet machine and nearly 10 on one shared with other builds,
// where every step is several times slower.
export const STEP_TIMEOUT = 30_000; // one action or expectation on a page
export const RENDER_TIMEOUT = 120_000; // a document the render workers produce, or a signature
const READY_TIMEOUT = 300_000; // the server's start: initdb of its embedded cluster, demo data
const LAUNCH_TIMEOUT = 120_000; // chromium's start

/**
 * fetch for the tests' own requests (not the browser's), each on a connection of its own: the
 * server closes a connection idle for 2 s without a Keep-Alive hint, and node's fetch keeps one
 * for 4 s, so on a loaded machine a request could go out on a connection the server had just
 * closed ("fetch failed"). A failure names its cause.
 */
export async function http(url, init = {}) {
  try {
    return await fetch(url, {...init, headers: {...init.headers, Connection: 'close'}});
  } catch (e) {
    const cause = e.cause ? `: ${e.cause.code ?? ''} ${e.cause.message ?? e.cause}` : '';
    throw new Error(`${init.method ?? 'GET'} ${url}: ${e.message}${cause}`, {cause: e});
  }
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const {port} = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Starts the server with the demo data; resolves once /readyz answers 200. `settings`: extra
 * lines of its settings file (e.g. 'testing.enabled = true'); `name`: of its log in the artefacts.
 */
export async function startServer({env = {}, settings = [], name = 'server'} = {}) {
  const bin = process.env.KIEMDIEM_BIN;
  if (!bin) throw new Error('KIEMDIEM_BIN is not set (run through tests/browser/run.mjs)');
  const dataDir = mkdtempSync(join(tmpdir(), 'kiemdiem-browser-'));
  const port = await freePort();
  const artifacts = process.env.KIEMDIEM_BROWSER_ARTIFACTS || join(repoRoot, 'build/browser-artifacts');
  mkdirSync(artifacts, {recursive: true});
  const log = createWriteStream(join(artifacts, `${name}.log`));
  // Its own settings file: defaults, with the regimes of this tree (not the developer's file).
  const config = join(dataDir, 'kiemdiem.properties');
  writeFileSync(config, [`regimes.dir = ${join(repoRoot, 'config/regimes')}`, `web.root = ${join(repoRoot, 'web')}`, ...settings, ''].join('\n'));
  // The demo's local test CA and signing keys (PIN 123456), when this build signs documents.
  const env0 = {...process.env, KIEMDIEM_PORT: String(port), KIEMDIEM_DATA_DIR: dataDir, ...env};
  const ca = spawnSync(bin, ['--config', config, 'ca', 'init'], {cwd: repoRoot, env: env0, encoding: 'utf8'});
  writeFileSync(join(artifacts, 'ca-init.log'), `${ca.status}\n${ca.stdout || ''}${ca.stderr || ''}`);
  const child = spawn(bin, ['--config', config, 'serve', '--demo'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KIEMDIEM_PORT: String(port),
      KIEMDIEM_DATA_DIR: dataDir,
      KIEMDIEM_WEB_ROOT: join(repoRoot, 'web'),
      KIEMDIEM_LOG_LEVEL: 'information',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let logged = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    logged += chunk;
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({code, signal})));
  const deadline = Date.now() + READY_TIMEOUT;
  for (;;) {
    const early = await Promise.race([exited, Promise.resolve(null)]);
    if (early) rmSync(dataDir, {recursive: true, force: true});
    if (early) throw new Error(`kiemdiem exited at start-up (${JSON.stringify(early)}); see ${join(artifacts, `${name}.log`)}`);
    try {
      const r = await http(`${base}/readyz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, {recursive: true, force: true});
      throw new Error(`kiemdiem did not become ready; see ${join(artifacts, `${name}.log`)}`);
    }
    await new Promise((ok) => setTimeout(ok, 200)); // polling readiness, not timing a page
  }
  return {
    base,
    port,
    dataDir,
    /** What the server printed on its standard output so far. */
    output: () => output,
    /** What the server logged (standard error) so far. */
    logged: () => logged,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, {recursive: true, force: true});
      // The embedded cluster moved out of the private temporary directory (the postgres user
      // cannot reach it): removed too, or every run would leave one behind.
      const moved = /the embedded cluster lives in (\/var\/lib\/kiemdiem\/pg-[0-9a-f]+) instead/.exec(logged);
      if (moved) rmSync(moved[1], {recursive: true, force: true});
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.KIEMDIEM_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: LAUNCH_TIMEOUT,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** A fresh browser context (its own session storage) for one person. */
export async function newPage(browser, base) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: DESKTOP,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  page.jsErrors = errors;
  page.kdBase = base;
  return page;
}

/** A field's label exactly, with or without the " (bắt buộc)" mark of required fields. */
export function L(label) {
  return new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(bắt buộc\\))?$`);
}

export async function login(page, username) {
  await page.goto('/app/#/dang-nhap');
  await page.getByLabel(L('Tên đăng nhập')).fill(username);
  await page.getByLabel(L('Mật khẩu')).fill(PASSWORD);
  await page.getByRole('button', {name: 'Đăng nhập'}).click();
  await page.getByRole('heading', {level: 1, name: 'Việc của tôi'}).waitFor();
}

/** Opens a page of the app by its hash route, reloading when it is already the one shown. */
export async function visit(page, route) {
  const url = `${page.kdBase}/app/#${route}`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
}

export async function logout(page) {
  await page.getByRole('button', {name: 'Đăng xuất'}).click();
  await page.getByRole('heading', {level: 1, name: 'Đăng nhập'}).waitFor();
}

const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.1 A/AA violations on the page (axe-core: labels, contrast, names, structure),
 * as "rule: target" lines. Evaluated through DevTools, so the page's CSP stays in force.
 */
export async function accessibilityViolations(page) {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return found;
}

/** Full-page screenshots on the desktop and the phone viewport, after an accessibility check. */
export async function shoot(page, name) {
  const dir = process.env.KIEMDIEM_BROWSER_ARTIFACTS || join(repoRoot, 'build/browser-artifacts');
  mkdirSync(dir, {recursive: true});
  const violations = await accessibilityViolations(page);
  if (violations.length) throw new Error(`accessibility (${name}):\n${violations.join('\n')}`);
  await page.screenshot({path: join(dir, `${name}-desktop.png`), fullPage: true});
  await page.setViewportSize(PHONE);
  await page.screenshot({path: join(dir, `${name}-phone.png`), fullPage: true});
  await page.setViewportSize(DESKTOP);
}

/** The API, for setting up reviews that a scenario only needs in the background. */
export class Api {
  constructor(base) {
    this.base = base;
    this.tokens = new Map();
  }
  async call(method, path, body, user) {
    const headers = {'Content-Type': 'application/json'};
    if (user) headers.Authorization = `Bearer ${await this.token(user)}`;
    let ifMatch;
    if (method === 'POST' && path.includes('/actions/')) {
      const id = path.split('/')[2];
      ifMatch = (await this.call('GET', `/reviews/${id}`, undefined, user)).version;
      headers['If-Match'] = `"${ifMatch}"`;
    }
    const r = await http(`${this.base}/api/v1${path}`, {method, headers, body: body ? JSON.stringify(body) : undefined});
    const text = await r.text();
    const data = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error(`${method} ${path} as ${user}: ${r.status} ${text}`);
    return data;
  }
  async token(user) {
    if (!this.tokens.has(user)) {
      const r = await http(`${this.base}/api/v1/auth/login`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({username: user, password: PASSWORD})});
      if (!r.ok) throw new Error(`login ${user}: ${r.status}`);
      this.tokens.set(user, (await r.json()).token);
    }
    return this.tokens.get(user);
  }
  async reviewOf(fullName) {
    const campaigns = await this.call('GET', '/campaigns', undefined, 'giamdoc');
    const c = campaigns.items[0];
    const list = await this.call('GET', `/campaigns/${c.id}/reviews?limit=200`, undefined, 'giamdoc');
    const r = list.items.find((x) => x.person.full_name === fullName);
    if (!r) throw new Error(`no review for ${fullName}`);
    return {id: r.id, personId: r.person.id, campaignId: c.id};
  }
}
