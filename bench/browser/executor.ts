// Browser half of `npm run bench:executor`: the executor as the page uses it (a fresh
// sandboxed frame per request, one warm spare). Results land in window.__benchResult.
import { createBrowserExecutor } from '../../workers/executor/browser-executor.ts';
import { measureExecutor } from '../executor-measure.ts';

async function main() {
  const repeats = Number(new URLSearchParams(location.search).get('repeats') ?? 3);
  window.__benchResult = await measureExecutor(() => createBrowserExecutor(), repeats);
  document.getElementById('log')!.textContent = JSON.stringify(window.__benchResult, null, 2);
}

main().catch((error: unknown) => {
  window.__benchError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  document.getElementById('log')!.textContent = window.__benchError;
});
