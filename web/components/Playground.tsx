// The runner page: editor, Run/Stop, console, paused-on-error panel, status bar.
import { createSignal, onCleanup, onMount, Show, For } from 'solid-js';
import type { PauseAnswer, PauseContext, RunResult } from '../../workers/protocol/runner.ts';
import type { RunnerClient } from '../../workers/python/client.ts';
import { appendChunks, appendSystem, emptyConsole, type ConsoleBuffer } from '../state/console-buffer.ts';
import { canRun, canStop, initialRunState, transition, type RunEvent, type RunState } from '../state/run-state.ts';

const EXAMPLE = `def average(xs):
    total = 0
    for x in xs:
        total += 100 / x
    return total / len(xs)

print("average:", average([1, 0, 4]))
`;

export function Playground(props: { runner: RunnerClient }) {
  const [code, setCode] = createSignal(EXAMPLE);
  const [stdin, setStdin] = createSignal('');
  const [state, setState] = createSignal<RunState>(initialRunState);
  const [output, setOutput] = createSignal<ConsoleBuffer>(emptyConsole);
  const [inputLine, setInputLine] = createSignal('');
  let answerPause: ((answer: PauseAnswer) => void) | undefined;
  let answerInput: ((line: string | null) => void) | undefined;

  const send = (event: RunEvent) => setState((s) => transition(s, event));

  onMount(() => {
    props.runner.start().then(
      (info) => send({ type: 'loaded', blocking: info.blocking }),
      (error: unknown) => send({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) }),
    );
  });
  onCleanup(() => props.runner.dispose());

  async function run() {
    if (!canRun(state())) return;
    send({ type: 'run' });
    setOutput(emptyConsole);
    const result: RunResult = await props.runner.run({ code: code(), stdin: stdin() }, {
      onOutput: (chunks, truncated) => setOutput((o) => appendChunks(o, chunks, truncated)),
      onPause: (context: PauseContext) =>
        new Promise<PauseAnswer>((resolve) => {
          send({ type: 'paused', context });
          answerPause = (answer) => {
            answerPause = undefined;
            send({ type: 'resumed' });
            resolve(answer);
          };
        }),
      onInput: (prompt) =>
        new Promise<string | null>((resolve) => {
          send({ type: 'input-requested', prompt });
          answerInput = (line) => {
            answerInput = undefined;
            send({ type: 'input-answered' });
            resolve(line);
          };
        }),
    });
    answerPause = answerInput = undefined;
    if (result.status === 'stopped') {
      setOutput((o) => appendSystem(o, result.stopReason === 'time-limit' ? 'Stopped: time limit reached.\n' : 'Stopped.\n'));
    }
    send({ type: 'finished', result });
  }

  function stop() {
    if (!canStop(state())) return;
    send({ type: 'stop' });
    props.runner.stop();
  }

  function submitInput(event: SubmitEvent) {
    event.preventDefault();
    answerInput?.(inputLine());
    setInputLine('');
  }

  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void run();
    }
  };

  return (
    <div class="playground" onKeyDown={onKey}>
      <header class="toolbar">
        <h1>Heal Playground</h1>
        <button data-testid="run" disabled={!canRun(state())} onClick={() => void run()} title="Run (Ctrl+Enter)">Run</button>
        <button data-testid="stop" disabled={!canStop(state())} onClick={stop}>Stop</button>
      </header>
      <main class="panes">
        <section class="editor-pane">
          <label for="code">Program</label>
          <textarea id="code" data-testid="code" spellcheck={false} value={code()} onInput={(e) => setCode(e.currentTarget.value)} />
          <label for="stdin">Standard input</label>
          <textarea id="stdin" data-testid="stdin" class="stdin" value={stdin()} onInput={(e) => setStdin(e.currentTarget.value)} />
        </section>
        <section class="output-pane">
          <Show when={state().pause}>
            {(pause) => <PausePanel context={pause()} reportOnly={state().blocking === 'report-only'} answer={(a) => answerPause?.(a)} />}
          </Show>
          <pre class="console" data-testid="console" aria-live="polite">
            <For each={output().entries}>{(entry) => <span class={`out-${entry.stream}`}>{entry.text}</span>}</For>
          </pre>
          <Show when={output().truncated}>
            <p class="notice" data-testid="truncated">Output truncated: the program printed more than the console keeps.</p>
          </Show>
          <Show when={state().phase === 'awaiting-input'}>
            <form class="input-line" onSubmit={submitInput}>
              <label for="input-line">{state().prompt || 'Input'}</label>
              <input id="input-line" data-testid="input-line" value={inputLine()} onInput={(e) => setInputLine(e.currentTarget.value)} autofocus />
              <button type="submit">Send</button>
              <button type="button" onClick={() => answerInput?.(null)}>EOF</button>
            </form>
          </Show>
        </section>
      </main>
      <StatusBar state={state()} runner={props.runner} />
    </div>
  );
}

function PausePanel(props: { context: PauseContext; reportOnly: boolean; answer: (a: PauseAnswer) => void }) {
  const bindings = () => [...props.context.state.locals, ...props.context.state.globals].filter((b) => b.kind === 'value');
  return (
    <div class="pause-panel" data-testid="pause-panel" role="alert">
      <h2>
        Paused on <span data-testid="pause-error">{props.context.error.type}</span> at line {props.context.line}
      </h2>
      <p class="error-message">{props.context.error.message}</p>
      <pre class="statement">{props.context.statement}</pre>
      <table class="state-table">
        <thead><tr><th>Name</th><th>Type</th><th>Value</th></tr></thead>
        <tbody>
          <For each={bindings()}>
            {(b) => <tr><td>{b.name}</td><td>{b.type}</td><td><code>{b.repr}</code></td></tr>}
          </For>
        </tbody>
      </table>
      <Show when={props.reportOnly}>
        <p class="notice">Report-only mode: this browser can neither suspend Python (JSPI) nor share memory, so the program cannot continue.</p>
      </Show>
      <div class="actions">
        <button data-testid="continue" disabled={props.reportOnly} onClick={() => props.answer({ action: 'merge', values: {} })}>
          Skip statement and continue
        </button>
        <button data-testid="raise" onClick={() => props.answer({ action: 'raise' })}>End with traceback</button>
      </div>
    </div>
  );
}

function StatusBar(props: { state: RunState; runner: RunnerClient }) {
  const label: Record<RunState['phase'], string> = {
    loading: 'Loading Python…',
    'load-failed': 'Python failed to load',
    ready: 'Ready',
    running: 'Running…',
    'awaiting-input': 'Waiting for input',
    paused: 'Paused on error',
    stopping: 'Stopping…',
  };
  const info = () => (props.state.phase === 'loading' ? undefined : props.runner.info);
  return (
    <footer class="status-bar" data-testid="status">
      <span data-testid="phase" data-phase={props.state.phase}>{label[props.state.phase]}</span>
      <Show when={props.state.loadError}><span class="error">{props.state.loadError}</span></Show>
      <Show when={info()}>
        {(i) => (
          <>
            <span>Python {i().pythonVersion}</span>
            <span data-testid="blocking">pause: {i().blocking}</span>
            <span data-testid="isolation">{globalThis.crossOriginIsolated ? 'cross-origin isolated' : 'not isolated'}</span>
            <span>{i().fromSnapshot ? 'started from snapshot' : 'plain start'} in {i().loadMs} ms</span>
          </>
        )}
      </Show>
      <Show when={props.state.lastResult}>
        {(r) => <span data-testid="last-status">{r().status} in {Math.round(r().durationMs)} ms</span>}
      </Show>
    </footer>
  );
}
