// Lint and format check for the whole tree: Biome for TypeScript/JavaScript, Ruff (its
// WebAssembly build, so no Python toolchain is needed) for the Python packages.
// `node scripts/lint.mjs` checks (npm test runs it); `--fix` writes formatting and safe fixes.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fix = process.argv.includes('--fix');
const require = createRequire(import.meta.url);

// Programs that are buggy on purpose (the examples a newcomer heals) and the benchmark's
// stand-ins for user programs are not linted.
const PYTHON_EXCLUDED = [/^web\/examples\//, /^bench\/programs\//];
const RUFF_SETTINGS = {
  'line-length': 120,
  'indent-width': 4,
  format: { 'quote-style': 'double', 'indent-style': 'space' },
  lint: {
    select: ['E4', 'E7', 'E9', 'F', 'B', 'UP'],
    ignore: [
      'B904', // re-raising inside except without `from` keeps CPython's implicit chaining, which we want
      'B905', // zip(strict=) in hot paths costs a check per item; the lengths are equal by construction
      'E741', // `l` for a layer in keras_lite reads clearly next to its neighbours
    ],
  },
};

function trackedFiles(pattern) {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', pattern], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
}

function biome() {
  const bin = require.resolve('@biomejs/biome/bin/biome');
  try {
    execFileSync(process.execPath, [bin, fix ? 'check' : 'ci', ...(fix ? ['--write'] : []), '--no-errors-on-unmatched', '.'], { cwd: root, stdio: 'inherit' });
    return true;
  } catch {
    return false;
  }
}

function ruff() {
  const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
  const workspace = new Workspace(RUFF_SETTINGS, PositionEncoding.Utf16);
  let problems = 0;
  const files = trackedFiles('*.py').filter((file) => !PYTHON_EXCLUDED.some((re) => re.test(file)));
  for (const file of files) {
    const path = join(root, file);
    const source = readFileSync(path, 'utf8');
    const formatted = workspace.format(source);
    if (formatted !== source) {
      if (fix) writeFileSync(path, formatted);
      else {
        problems++;
        console.error(`${file}: not formatted (npm run lint:fix formats it)`);
      }
    }
    for (const d of workspace.check(fix ? formatted : source)) {
      problems++;
      console.error(`${file}:${d.start_location.row}:${d.start_location.column} ${d.code ?? ''} ${d.message}`);
    }
  }
  console.log(`Ruff: ${files.length} Python files, ${problems} problem${problems === 1 ? '' : 's'}.`);
  return problems === 0;
}

const ok = [biome(), ruff()].every(Boolean);
process.exit(ok ? 0 : 1);
