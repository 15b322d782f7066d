// Layers that only point down, checked on every import of every .ts/.tsx file: workers never
// import the page; web/state (pure logic) imports only itself and the workers' protocol and
// shared modules; product code imports no test or benchmark code; tests import no benchmark.
// Imports are read with the TypeScript parser Vite ships (oxc): static and type-only imports,
// re-exports, dynamic import() and `new URL('…', import.meta.url)` worker entries.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['web', 'workers', 'test', 'bench', 'e2e', 'scripts'];

interface Import {
  /** Both relative to the repository root, e.g. "web/state/heal/prompt.ts". */
  from: string;
  to: string;
}

const isTestCode = (file: string) => /\.test\.tsx?$/.test(file) || /^(test|e2e)\//.test(file);
const isProductCode = (file: string) => /^(web|workers)\//.test(file) && !isTestCode(file);
const under = (file: string, ...folders: string[]) => folders.some((folder) => file.startsWith(`${folder}/`));

const RULES: { name: string; breaks(edge: Import): boolean }[] = [
  {
    name: 'workers/ never imports web/',
    breaks: ({ from, to }) => under(from, 'workers') && under(to, 'web'),
  },
  {
    name: 'web/state imports only web/state, workers/protocol and workers/shared',
    breaks: ({ from, to }) => under(from, 'web/state') && !isTestCode(from) && !under(to, 'web/state', 'workers/protocol', 'workers/shared'),
  },
  {
    name: 'workers/protocol and workers/shared import only each other',
    breaks: ({ from, to }) => under(from, 'workers/protocol', 'workers/shared') && !isTestCode(from) && !under(to, 'workers/protocol', 'workers/shared'),
  },
  {
    name: 'product code (web/, workers/) imports neither test/ nor bench/',
    breaks: ({ from, to }) => isProductCode(from) && under(to, 'test', 'bench'),
  },
  {
    name: 'tests never import bench/',
    breaks: ({ from, to }) => isTestCode(from) && under(to, 'bench'),
  },
];

/** Known breaks of the rules, each with the reason it is allowed; none today. */
const KNOWN_EXCEPTIONS: Import[] = [];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The imports of one file that stay inside the repository, resolved to repository paths. */
function importsOf(file: string, code: string): Import[] {
  const parsed = parseSync(file, code, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' });
  if (parsed.errors.length) throw new Error(`${file} does not parse: ${parsed.errors[0]!.message}`);
  const { staticImports, staticExports, dynamicImports } = parsed.module;
  const specifiers = [
    ...staticImports.map((entry) => entry.moduleRequest.value),
    ...staticExports.flatMap((entry) => entry.entries.map((e) => e.moduleRequest?.value)),
    ...dynamicImports.map((entry) => code.slice(entry.moduleRequest.start, entry.moduleRequest.end).replace(/^['"`]|['"`]$/g, '')),
    ...[...code.matchAll(/new URL\(\s*['"`]([^'"`]+)['"`]\s*,\s*import\.meta\.url/g)].map((match) => match[1]),
  ];
  const edges: Import[] = [];
  for (const specifier of specifiers) {
    if (!specifier?.startsWith('.')) continue; // a package, or a computed import()
    const to = relative(repoRoot, normalize(join(repoRoot, dirname(file), specifier.split('?')[0]!)));
    edges.push({ from: file, to: to.split('\\').join('/') });
  }
  return edges;
}

const breaking = (edges: Import[]) =>
  edges.flatMap((edge) => RULES.filter((rule) => rule.breaks(edge)).map((rule) => `${edge.from} → ${edge.to}: ${rule.name}`));
const isKnown = (edge: Import) => KNOWN_EXCEPTIONS.some((known) => known.from === edge.from && known.to === edge.to);

describe('layering: imports only point down', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(dir));
  const edges = files.flatMap((file) => importsOf(file, readFileSync(join(repoRoot, file), 'utf8')));

  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ from: 'workers/runner/runner-core.ts', to: 'workers/protocol/runner.ts' });
    expect(edges).toContainEqual({ from: 'workers/runner/browser-runner.ts', to: 'workers/runner/runner.worker.ts' });
  });

  it('no file breaks a rule (beyond the listed known exceptions)', () => {
    expect(breaking(edges.filter((edge) => !isKnown(edge)))).toEqual([]);
  });

  it('every known exception still happens (take fixed ones off the list)', () => {
    const stale = KNOWN_EXCEPTIONS.filter((known) => !edges.some((edge) => edge.from === known.from && edge.to === known.to));
    expect(stale).toEqual([]);
  });

  it('catches each kind of break', () => {
    const code = [
      "import type { Engine } from '../../web/state/heal/engine.ts';",
      "export { x } from '../../bench/stats.ts';",
      "const later = () => import('../../test/attacks.ts');",
    ].join('\n');
    expect(breaking(importsOf('workers/shared/example.ts', code))).toEqual([
      'workers/shared/example.ts → web/state/heal/engine.ts: workers/ never imports web/',
      'workers/shared/example.ts → web/state/heal/engine.ts: workers/protocol and workers/shared import only each other',
      'workers/shared/example.ts → bench/stats.ts: workers/protocol and workers/shared import only each other',
      'workers/shared/example.ts → bench/stats.ts: product code (web/, workers/) imports neither test/ nor bench/',
      'workers/shared/example.ts → test/attacks.ts: workers/protocol and workers/shared import only each other',
      'workers/shared/example.ts → test/attacks.ts: product code (web/, workers/) imports neither test/ nor bench/',
    ]);
    expect(breaking(importsOf('web/state/x.ts', "import { editor } from '../components/Editor.tsx';"))).toHaveLength(1);
    expect(breaking(importsOf('test/x.test.ts', "import { median } from '../bench/stats.ts';"))).toHaveLength(1);
    expect(breaking(importsOf('web/state/x.ts', "import { a } from './y.ts';\nimport { b } from '../../workers/protocol/runner.ts';"))).toEqual([]);
  });
});
