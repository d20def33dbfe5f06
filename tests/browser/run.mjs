#!/usr/bin/env node
// Runs the browser tests: installs the pinned npm dependencies when missing
// (`npm ci` from the committed package-lock.json into tests/browser/node_modules),
// then `node --test` over *.test.mjs with the server binary and the artefacts
// directory passed in the environment. Fails when any test fails, is skipped, todo or
// cancelled, or when none ran.
//
// Usage: node tests/browser/run.mjs --kiemdiem build/dev/services/kiemdiem
//                                    [--artifacts build/dev/browser-artifacts] [node --test args]
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readdirSync, statSync, mkdirSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The pinned playwright-core runs on Node.js 18 (Debian 12's nodejs) and newer. A suite that
// cannot run is a failure, never a skip.
if (Number(process.versions.node.split('.')[0]) < 18) {
  console.error(`browser tests: cannot run on Node.js ${process.versions.node}; playwright-core needs 18 or newer`);
  process.exit(1);
}
const args = process.argv.slice(2);
const take = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const kiemdiem = take('--kiemdiem') || process.env.KIEMDIEM_BIN;
const artifacts = resolve(take('--artifacts') || process.env.KIEMDIEM_BROWSER_ARTIFACTS || join(here, '../../build/browser-artifacts'));
if (!kiemdiem || !existsSync(kiemdiem)) {
  console.error(`browser tests: the kiemdiem binary is needed (--kiemdiem PATH); got ${kiemdiem ?? 'nothing'}`);
  process.exit(2);
}
const chromium = process.env.KIEMDIEM_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`browser tests: ${chromium} not found; install Debian's chromium (scripts/bootstrap does)`);
  process.exit(2);
}

// npm writes node_modules/.package-lock.json at each install: older than the committed lock
// (or absent) means the dependencies must be installed again.
const installed = join(here, 'node_modules/.package-lock.json');
const lock = join(here, 'package-lock.json');
const complete = ['playwright-core', 'axe-core'].every((p) => existsSync(join(here, 'node_modules', p, 'package.json')));
if (!complete || !existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  // npm trusts the machine's certificate store (Debian's bundle, with any authority the agency
  // added for its TLS-inspecting proxy) instead of only the list built into Node.
  const systemCa = '/etc/ssl/certs/ca-certificates.crt';
  const caEnv = !process.env.npm_config_cafile && existsSync(systemCa) ? {npm_config_cafile: systemCa} : {};
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {cwd: here, stdio: 'inherit', env: {...process.env, ...caEnv}});
  if (r.status !== 0) {
    console.error('browser tests: npm ci failed (is the npm registry reachable?)');
    process.exit(r.status || 1);
  }
}

mkdirSync(artifacts, {recursive: true});
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(here, f));
// The TAP report, shown as it comes and read at the end: a skipped, todo or cancelled test fails
// the suite like a failed one (node --test counts the first two as passing).
const child = spawn(process.execPath, ['--test', '--test-reporter=tap', ...args, ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {...process.env, KIEMDIEM_BIN: resolve(kiemdiem), KIEMDIEM_BROWSER_ARTIFACTS: artifacts, KIEMDIEM_CHROMIUM: chromium},
});
let report = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  report += chunk;
  process.stdout.write(chunk);
});
const status = await new Promise((ok) => child.on('close', (code) => ok(code ?? 1)));
console.log(`browser tests: screenshots in ${artifacts}`);
const count = (name) => {
  const all = [...report.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
  return all.length ? Number(all[all.length - 1][1]) : undefined;
};
const notRun = ['skipped', 'todo', 'cancelled'].filter((name) => count(name) !== 0);
if (status === 0 && (!count('tests') || notRun.length)) {
  const what = count('tests') ? notRun.map((n) => `${count(n) ?? 'no count of'} ${n}`).join(', ') : 'no test ran';
  console.error(`browser tests: ${what}; every test must run and pass`);
  process.exit(1);
}
process.exit(status);
