// Browser test of `cadence serve` (node --test): playwright-core drives
// Debian's chromium, headless, against a server this test starts on the demo
// data. Environment: CADENCE (the program), CADENCE_WEB_ARTIFACTS (where the
// screenshots and the demo go). No sleeps: the test waits for the server's
// listening line and for page elements.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

const cadence = process.env.CADENCE;
const artifacts = process.env.CADENCE_WEB_ARTIFACTS ?? mkdtempSync(join(tmpdir(), 'cadence-web-'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const password = 'browser test password';
const city = 'O0000001';
const county = 'O0000101';  // 共青团固原市西吉县委员会: it has weak branches in the ledger

let server;
let url;
let context;
let otherCountyName;
let otherCountyId;

function addUser(db, name, scope) {
  execFileSync(cadence, ['user', 'add', name, '--db', db, '--scope', scope, '--role', 'editor', '--password-stdin'],
               { input: password + '\n' });
}

// Starts the server on a free port and resolves with its URL once it prints
// "cadence serve: listening on URL".
function startServer(db) {
  return new Promise((resolve, reject) => {
    server = spawn(cadence, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`cadence serve exited with ${code}`)));
  });
}

before(async () => {
  assert.ok(cadence, 'CADENCE names the program');
  mkdirSync(artifacts, { recursive: true });
  const demo = join(artifacts, 'demo');
  rmSync(demo, { recursive: true, force: true });
  const printed = execFileSync(cadence, ['demo', '--dir', demo]).toString();
  assert.match(printed, /cadence serve --db/, 'the demo prints how to serve');
  // The demo speaks Chinese by default (English under --lang en).
  assert.match(printed, /以 demo 登录，密码 [0-9a-f]{20}/, 'the demo prints a login');
  const db = join(demo, 'cadence.db');
  addUser(db, 'city', city);
  addUser(db, 'county', county);
  url = await startServer(db);
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cadence-chromium-')), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  if (context) await context.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
});

async function logIn(page, name) {
  await page.goto(url + 'login');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(url), page.click('button')]);
}

async function logOut(page) {
  await page.goto(url);
  await Promise.all([page.waitForURL(url + 'login'), page.click('form.logout button')]);
}

test('the city user sees every county; the overview is screenshotted', async () => {
  const page = await context.newPage();
  await logIn(page, 'city');
  const text = await page.textContent('main');
  assert.match(text, /最近一次检查/);
  assert.match(text, /西吉县/);
  // The counties are the root's children in the overview table.
  const counties = await page.$$eval('table.figures tbody tr td:first-child a',
                                     (links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.ok(counties.length >= 3, 'several counties listed');
  const other = counties.find(([name]) => !name.includes('西吉县'));
  otherCountyName = other[0];
  otherCountyId = decodeURIComponent(other[1].split('/').pop());
  await page.waitForSelector('.chart.drawn svg');
  await page.screenshot({ path: join(artifacts, 'overview.png'), fullPage: true });
  await logOut(page);
  await page.close();
});

test('the county user sees only its county, on every page', async () => {
  assert.ok(otherCountyName, 'the city test found another county');
  const page = await context.newPage();
  await logIn(page, 'county');
  for (const path of ['', 'rules', 'ledger', 'search?q=' + encodeURIComponent('团支部'), `org/${county}`]) {
    const response = await page.goto(url + path);
    assert.equal(response.status(), 200, path);
    const text = await page.textContent('body');
    assert.ok(!text.includes(otherCountyName), `${path} shows ${otherCountyName}`);
  }
  for (const path of [`org/${otherCountyId}`, `branch/${otherCountyId}`, `org/${city}`, `api/org/${otherCountyId}`]) {
    const response = await page.goto(url + path);
    assert.equal(response.status(), 404, path);
  }
  await logOut(page);
  await page.close();
});

test('drill-down from the overview to a branch and its explanation', async () => {
  const page = await context.newPage();
  await logIn(page, 'county');
  // Follow the worst child until a branch page.
  await Promise.all([page.waitForURL(/\/org\//), page.click('table.figures tbody tr:first-child td:first-child a')]);
  for (let depth = 0; depth < 6 && !page.url().includes('/branch/'); ++depth) {
    const link = page.locator('table.figures').first().locator('tbody tr:first-child td:first-child a');
    const from = page.url();
    await Promise.all([page.waitForURL((next) => next.href !== from), link.click()]);
  }
  assert.match(page.url(), /\/branch\//);
  assert.match(await page.textContent('main'), /各规则各周期结论/);
  await Promise.all([page.waitForURL(/\/explain\//), page.locator('table.findings a', { hasText: '详解' }).first().click()]);
  const text = await page.textContent('main');
  assert.match(text, /检查记录/);
  assert.match(text, /依据记录/);
  assert.match(text, /重算结论/);
  await logOut(page);
  await page.close();
});

test('the county user files a rectification plan; the branch page is screenshotted', async () => {
  const page = await context.newPage();
  await logIn(page, 'county');
  await page.goto(url + 'ledger?status=open');
  const handle = page.locator('table.ledger a', { hasText: '处理' }).first();
  await Promise.all([page.waitForURL(/\/branch\//), handle.click()]);
  assert.match(await page.textContent('#case .state'), /待整改/);
  const note = '浏览器测试：整改方案已报送';
  await page.fill('#case textarea[name=note]', note);
  await Promise.all([page.waitForURL(/\/branch\//), page.click('#case button[value=plan]')]);
  assert.match(await page.textContent('#case .state'), /已报整改方案/);
  assert.match(await page.textContent('#case table.history'), new RegExp(note));
  await page.waitForSelector('.chart.drawn svg');
  await page.screenshot({ path: join(artifacts, 'branch.png'), fullPage: true });
  await logOut(page);
  await page.close();
});

// Raw HTTP, as no browser would send it.
function raw(request) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => { answer += chunk; });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

test('malformed requests, huge bodies and path traversal are refused', async () => {
  assert.match(await raw('NOT HTTP AT ALL\r\n\r\n'), /^HTTP\/1\.1 400/);
  const body = 'x'.repeat(100 * 1024);
  assert.match(await raw(`POST /login HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
                         `Content-Length: ${body.length}\r\n\r\n${body}`), /^HTTP\/1\.1 413/);
  assert.match(await raw('GET /static/../../etc/passwd HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await raw('GET /static/%2e%2e%2f%2e%2e%2fetc%2fpasswd HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'),
               /^HTTP\/1\.1 400/);
  const ok = await raw('GET /login HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  assert.match(ok, /^HTTP\/1\.1 200/);
  assert.match(ok, /Content-Security-Policy: default-src 'self'/);
});
