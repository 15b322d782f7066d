// Browser half of `npm run bench:runtime`: cold starts (plain vs snapshot) and the
// pause→resume round trip through the real runner worker. Results land in
// window.__benchResult for the Node driver (bench/runtime.ts).
import { createBrowserRunner } from '../../workers/runner/browser-runner.ts';
import { median } from '../stats.ts';
import { PAUSE_PROGRAM } from '../pause-program.ts';

declare global {
  interface Window {
    __benchResult?: unknown;
    __benchError?: string;
  }
}

async function coldStart(useSnapshot: boolean, repeats: number) {
  const times: number[] = [];
  let info;
  for (let i = 0; i < repeats; i++) {
    const runner = createBrowserRunner({ useSnapshot });
    const started = performance.now();
    info = await runner.start();
    times.push(performance.now() - started);
    if (info.fromSnapshot !== useSnapshot) throw new Error(`snapshot ${useSnapshot} requested, got ${info.fromSnapshot}: ${info.snapshotError}`);
    runner.dispose();
  }
  return { ms: median(times), all: times, blocking: info!.blocking };
}

async function pauseRoundTrip(pauses: number) {
  const runner = createBrowserRunner();
  await runner.start();
  const result = await runner.run({ code: PAUSE_PROGRAM(pauses) }, { onPause: () => ({ action: 'merge' }) });
  runner.dispose();
  if (result.heals.length !== pauses) throw new Error(`expected ${pauses} pauses, got ${result.heals.length}`);
  return { ms: median(result.heals.map((h) => h.roundTripMs)), blocking: runner.info?.blocking };
}

async function main() {
  const params = new URLSearchParams(location.search);
  const repeats = Number(params.get('repeats') ?? 3);
  const plain = await coldStart(false, repeats);
  const snapshot = await coldStart(true, repeats);
  const pause = await pauseRoundTrip(Number(params.get('pauses') ?? 50));
  window.__benchResult = { crossOriginIsolated, plain, snapshot, pause };
  document.getElementById('log')!.textContent = JSON.stringify(window.__benchResult, null, 2);
}

main().catch((error: unknown) => {
  window.__benchError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  document.getElementById('log')!.textContent = window.__benchError;
});
