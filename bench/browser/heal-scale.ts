// Browser half of `npm run bench:heal-scale`: the page's runner and sandboxed executor, the
// rules engine, auto-accept with reuse. Results land in window.__benchResult.
import { createBrowserRunner } from '../../workers/runner/browser-runner.ts';
import { createBrowserExecutor } from '../../workers/executor/browser-executor.ts';
import { measureScale, SCALE_PROGRAMS, type ScaleFigure } from '../heal-scale-measure.ts';

async function main() {
  const sizes = (new URLSearchParams(location.search).get('n') ?? '100,1000,10000').split(',').map(Number);
  const runner = createBrowserRunner();
  const executor = createBrowserExecutor();
  await Promise.all([runner.start(), executor.start()]);
  const figures: (ScaleFigure & { peak_heap_mb: number })[] = [];
  const memory = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
  for (const program of Object.keys(SCALE_PROGRAMS)) {
    for (const n of sizes) {
      let peak = memory();
      const sampler = setInterval(() => {
        peak = Math.max(peak, memory());
      }, 50);
      const figure = await measureScale(runner, executor, program, n);
      clearInterval(sampler);
      figures.push({ ...figure, peak_heap_mb: Math.max(peak, memory()) / 2 ** 20 });
    }
  }
  runner.dispose();
  executor.dispose();
  window.__benchResult = figures;
  document.getElementById('log')!.textContent = JSON.stringify(figures, null, 2);
}

main().catch((error: unknown) => {
  window.__benchError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  document.getElementById('log')!.textContent = window.__benchError;
});
