// What `npm start` and `npm test` need on a fresh clone, installed when missing, so the
// README's first two commands are all a person types (Node and npm only; Debian for Chromium).
//
//   node scripts/setup.mjs deps    the npm dependencies (`npm ci`) when node_modules is missing
//                                  or older than package-lock.json
//   node scripts/setup.mjs test    the same, plus Chromium for the browser tests: Debian's
//                                  package through apt-get when running as root or with
//                                  password-less sudo; otherwise one line saying the exact command
//
// Node built-ins only: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const log = (line) => console.log(`[setup] ${line}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

/** npm's lockfile inside node_modules is rewritten by every install: older than package-lock.json means stale. */
function dependenciesMissing() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return 'node_modules is missing';
  if (statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs) return 'package-lock.json changed since the last install';
  return null;
}

function ensureDependencies() {
  const why = dependenciesMissing();
  if (!why) return;
  log(`${why}: npm ci`);
  // The npm that runs this script (npm_execpath), else the one on PATH.
  const npm = process.env.npm_execpath;
  const ok = npm ? run(process.execPath, [npm, 'ci']) : run('npm', ['ci'], { shell: process.platform === 'win32' });
  if (!ok) fail('npm ci failed (see above); fix it and run the command again.');
}

function canRun(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function ensureChromium() {
  const configured = process.env.HEAL_CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) fail(`HEAL_CHROMIUM=${configured} does not exist; point it at a Chromium binary or unset it.`);
    return;
  }
  if (existsSync(DEFAULT_CHROMIUM)) return;
  const command = 'sudo apt-get update && sudo apt-get install -y chromium';
  if (!canRun('apt-get', ['--version'])) fail('The browser tests need Chromium: install it and run `HEAL_CHROMIUM=/path/to/chromium npm test`.');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot && !canRun('sudo', ['-n', 'true'])) fail(`The browser tests need Chromium: run \`${command}\`, then \`npm test\` again.`);
  log("Chromium is missing: installing Debian's package with apt-get");
  // sudo resets the environment: the frontend setting goes through env.
  const asRoot = (args) => (isRoot ? args : ['sudo', '-n', ...args]);
  const apt = (...args) => {
    const [exe, ...rest] = asRoot(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]);
    return run(exe, rest);
  };
  if (!apt('update') || !apt('install', '-y', '--no-install-recommends', 'chromium') || !existsSync(DEFAULT_CHROMIUM)) {
    fail(`Installing Chromium failed (see above): run \`${command}\`, then \`npm test\` again.`);
  }
}

function fail(message) {
  console.error(`[setup] ${message}`);
  process.exit(1);
}

const mode = process.argv[2];
if (mode !== 'deps' && mode !== 'test') fail('usage: node scripts/setup.mjs deps|test');
ensureDependencies();
if (mode === 'test') ensureChromium();
