// `npm run bench:llm`: the local model (WebLLM on WebGPU) in headless Chromium.
//   - tokens/s for prefill and decode and time to first token, from WebLLM's own usage
//     statistics, per heal prompt (medians);
//   - heal latency on the heal-dev set: each program runs in the real Node runner; at a
//     pause the heal prompt goes to the model in the browser page (bench/browser/llm.html)
//     and the handling code to the real executor (auto-accept, max 1 attempt by default).
// Runs only where a model is reachable: HEAL_MODEL_URL (a mirror of huggingface.co) or
// huggingface.co itself. Otherwise it prints "no model reachable" and exits 0 — before
// building anything.
// Options: --limit N (10 rows), --model ID (default: the largest that fits), --set PATH.
// Environment: BENCH_LLM_PORT (5330), BENCH_LLM_NO_BUILD=1, HEAL_CHROMIUM, HEAL_CHROMIUM_ARGS
// (extra flags, e.g. "--enable-features=Vulkan" on a real GPU), HEAL_MODEL_URL.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { median, printTable, round } from './stats.ts';
import type { ChatMessage, HealEngine } from '../workers/shared/engine.ts';
import type { GenerateRequest, GenerateResult, GenerateStats } from '../workers/protocol/llm.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_LLM_PORT ?? 5330);
const CHROMIUM = process.env.HEAL_CHROMIUM ?? '/usr/bin/chromium';
const HF = 'https://huggingface.co/';
const PROBE_MODEL = 'Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC';

const { values } = parseArgs({
  options: {
    limit: { type: 'string', default: '10' },
    model: { type: 'string', default: '' },
    set: { type: 'string', default: join(root, '../shared/corpora/heal-dev.jsonl') },
    'max-attempts': { type: 'string', default: '1' },
  },
});

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

function modelHost(): string {
  return (process.env.HEAL_MODEL_URL ?? HF).replace(/\/*$/, '/');
}

async function waitForServer(url: string, server: ReturnType<typeof spawn>) {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode} (port ${PORT} in use?)`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not answer on ${url}`);
}

interface Row {
  id: string;
  program: string;
  stdin: string;
  expected_stdout: string;
}

/** The model in the page as a heal engine; keeps each generation's statistics. */
function pageEngine(page: Page, stats: GenerateStats[]): HealEngine {
  return {
    id: 'webllm-bench',
    label: 'WebLLM (benchmark page)',
    async generate(messages: ChatMessage[], options) {
      const request: GenerateRequest = { messages, temperature: options.temperature, maxTokens: options.maxTokens, stop: options.stop };
      const result = (await page.evaluate((r) => window.benchLlm!.generate(r), request)) as GenerateResult & { wallMs: number };
      stats.push(result.stats);
      return result.text;
    },
  };
}

async function main() {
  const host = modelHost();
  const probeUrl = `${host}mlc-ai/${PROBE_MODEL}/resolve/main/mlc-chat-config.json`;
  if (!(await reachable(probeUrl))) {
    console.log(`bench:llm: no model reachable (${probeUrl} did not answer within 5 s; set HEAL_MODEL_URL to a mirror of huggingface.co) — nothing measured.`);
    return;
  }
  if (process.env.BENCH_LLM_NO_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  const stopServer = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  let browser: Browser | undefined;
  const { createNodeRunner } = await import('../workers/runner/node-runner.ts');
  const { createNodeExecutor } = await import('../workers/executor/node-executor.ts');
  const { HealSession, defaultHealSettings } = await import('../web/state/heal/session.ts');
  const runner = createNodeRunner();
  const executor = createNodeExecutor();
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitForServer(`${base}/`, server);
    const extra = (process.env.HEAL_CHROMIUM_ARGS ?? '').split(/\s+/).filter(Boolean);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu', ...extra],
    });
    const page = await browser.newPage();
    const mirror = host === HF ? '' : `?modelHost=${encodeURIComponent(host)}`;
    await page.goto(`${base}/bench/browser/llm.html${mirror}`);
    await page.waitForFunction(() => window.benchLlm !== undefined);
    const caps = await page.evaluate(() => window.benchLlm!.capabilities());
    if (!caps.webgpu) {
      console.log(`bench:llm: no WebGPU adapter in this Chromium (${caps.webgpuProblem}) — nothing measured.`);
      return;
    }
    const adapter = caps.adapter!;
    const loadStarted = performance.now();
    const loaded = await page.evaluate((id) => window.benchLlm!.load(id), values.model!);
    const loadMs = performance.now() - loadStarted;
    if (!loaded.ok) {
      console.log(`bench:llm: the model did not load: ${loaded.failure.title} — ${loaded.failure.detail}`);
      return;
    }
    console.log(
      `bench:llm: ${loaded.model} on ${adapter.vendor} ${adapter.architecture}${adapter.isFallbackAdapter ? ' (software)' : ''}; load ${round(loadMs / 1000, 1)} s`,
    );

    let rows = readFileSync(resolve(values.set!), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Row);
    rows = rows.slice(0, Number(values.limit));
    await runner.start();
    const stats: GenerateStats[] = [];
    const engine = pageEngine(page, stats);
    const settings = { ...defaultHealSettings, autoAccept: true, maxAttempts: Number(values['max-attempts']) };
    const healMs: number[] = [];
    let proceed = 0;
    let correct = 0;
    for (const row of rows) {
      const session = new HealSession(row.program, engine, executor, settings);
      const result = await runner.run(
        { code: row.program, stdin: row.stdin, expectedOutput: row.expected_stdout },
        {
          onPause: async (context) => {
            const started = performance.now();
            const answer = await session.autoHeal(context);
            healMs.push(performance.now() - started);
            return answer;
          },
        },
        { timeLimitMs: 10_000 },
      );
      if (result.proceed) proceed++;
      if (result.correct) correct++;
    }
    const med = (pick: (s: GenerateStats) => number | undefined) => round(median(stats.map(pick).filter((v): v is number => v !== undefined)), 1);
    printTable(`Local model: ${loaded.model} (${rows.length} heal-dev programs, ${stats.length} generations; medians)`, [
      ['prefill tok/s', 'decode tok/s', 'first token ms', 'prompt tokens', 'answer tokens', 'heal latency ms', 'PROCEED', 'CORRECT'],
      [
        med((s) => s.prefillTokensPerSecond),
        med((s) => s.decodeTokensPerSecond),
        med((s) => s.timeToFirstTokenMs),
        med((s) => s.promptTokens),
        med((s) => s.completionTokens),
        round(median(healMs), 0),
        `${proceed}/${rows.length}`,
        `${correct}/${rows.length}`,
      ],
    ]);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(
      join(root, 'bench/results/llm.json'),
      JSON.stringify({ model: loaded.model, adapter, loadMs, stats, healMs, proceed, correct, rows: rows.length }, null, 2),
    );
  } finally {
    await browser?.close();
    runner.dispose();
    executor.dispose();
    stopServer();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
