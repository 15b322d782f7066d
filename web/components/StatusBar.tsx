// Python loading progress, run state, capabilities and elapsed time.
import { createSignal, onCleanup, Show } from 'solid-js';
import type { LoadProgress, RunnerInfo } from '../../workers/protocol/runner.ts';
import { isActive, type RunState } from '../state/run-state.ts';
import { packageProgressFraction, packageProgressText } from '../state/packages/progress.ts';
import type { PackageProgress } from '../state/packages/store.ts';

const PHASE_LABEL: Record<RunState['phase'], string> = {
  loading: 'Loading Python…',
  'load-failed': 'Python failed to load',
  ready: 'Ready',
  running: 'Running…',
  'awaiting-input': 'Waiting for input',
  paused: 'Paused on error',
  stopping: 'Stopping…',
};

const STAGE_LABEL: Record<LoadProgress['stage'], string> = {
  'download-snapshot': 'downloading Python',
  'start-python': 'starting Python',
  'install-modules': 'installing the heal runtime',
  ready: 'ready',
};

function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

export function StatusBar(props: {
  state: RunState;
  info?: RunnerInfo;
  progress?: LoadProgress;
  runStartedAt?: number;
  /** A package download before a run (or the install after it). */
  packages?: { progress: PackageProgress | null; stage: string | null };
}) {
  const [now, setNow] = createSignal(performance.now());
  const timer = setInterval(() => setNow(performance.now()), 200);
  onCleanup(() => clearInterval(timer));
  const elapsed = () => {
    // max: the clock ticks every 200 ms, so right after Run it can still read a time before the start.
    if (isActive(props.state) && props.runStartedAt !== undefined) return Math.max(0, now() - props.runStartedAt) / 1000;
    const last = props.state.lastResult;
    return last ? last.durationMs / 1000 : undefined;
  };
  /** "program 0.4 s · heals 1.2 s" after a run that healed: heal time is not program time. */
  const healSplit = () => {
    const last = props.state.lastResult;
    if (!last?.healMs || last.execMs === undefined) return null;
    const program = Math.max(0, last.execMs - last.healMs) / 1000;
    return `program ${program.toFixed(1)} s · heals ${(last.healMs / 1000).toFixed(1)} s`;
  };
  const progressText = () => {
    const p = props.progress;
    if (!p) return '';
    if (p.stage === 'download-snapshot' && p.loadedBytes !== undefined) {
      return `${STAGE_LABEL[p.stage]} ${megabytes(p.loadedBytes)}${p.totalBytes ? ` / ${megabytes(p.totalBytes)}` : ''} MB`;
    }
    return STAGE_LABEL[p.stage];
  };
  return (
    <footer class="status-bar" data-testid="status">
      <span data-testid="phase" data-phase={props.state.phase} class={`phase phase-${props.state.phase}`}>
        {PHASE_LABEL[props.state.phase]}
      </span>
      <Show when={props.state.phase === 'loading' && props.progress}>
        <span data-testid="load-progress">{progressText()}</span>
      </Show>
      <Show when={props.packages?.progress}>
        {(p) => (
          <span class="package-progress" data-testid="package-progress" role="status">
            {packageProgressText(p())}
            <progress value={packageProgressFraction(p()) ?? undefined} max="1" aria-label={`Downloading ${p().name}`} />
          </span>
        )}
      </Show>
      <Show when={!props.packages?.progress && props.packages?.stage}>
        <span class="package-progress" data-testid="package-progress" role="status">
          {props.packages!.stage}
        </span>
      </Show>
      <Show when={props.state.loadError}>
        <span class="error">{props.state.loadError}</span>
      </Show>
      <Show when={elapsed() !== undefined}>
        <span data-testid="elapsed" title="Running time of the current or last run">
          {elapsed()!.toFixed(1)} s
        </span>
      </Show>
      <Show when={props.state.lastResult && !isActive(props.state)}>
        <span data-testid="last-status">last run: {props.state.lastResult!.status}</span>
        <Show when={healSplit()}>
          {(split) => (
            <span
              data-testid="heal-time"
              title="The time limit counts the program's own running time; heals (waiting for you, the engine and the executor, and the fixes the runner reused) do not count"
            >
              {split()}
            </span>
          )}
        </Show>
      </Show>
      <span class="spacer" />
      <Show when={props.info}>
        {(i) => (
          <>
            <span data-testid="isolation" title="Cross-origin isolation enables SharedArrayBuffer: Stop by interrupt and the Atomics pause fallback">
              {globalThis.crossOriginIsolated ? 'cross-origin isolated' : 'not isolated'}
            </span>
            <span data-testid="blocking" title="How a paused program waits: JSPI (stack switching), Atomics, or report-only (cannot resume)">
              pause: {i().blocking}
            </span>
            <span title={i().snapshotError ?? ''}>
              Python {i().pythonVersion} · {i().fromSnapshot ? 'snapshot' : 'plain'} start {(i().loadMs / 1000).toFixed(1)} s
            </span>
          </>
        )}
      </Show>
    </footer>
  );
}
