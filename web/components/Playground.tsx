// The page: toolbar, editor, console, test case, paused panel, status bar.
// Owns the workspace (code, test case, settings), autosave and permalinks, and
// drives the runner through the run state machine.
import { batch, createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { ErrorInfo, LoadProgress, PauseAnswer, PauseContext, RunResult, RunnerInfo } from '../../workers/protocol/runner.ts';
import type { RunnerClient } from '../../workers/python/client.ts';
import { getCommand, isMacPlatform, matchShortcut, type CommandId } from '../commands.ts';
import { defaultExample, findExample } from '../examples/index.ts';
import { createAutosaver, loadWorkspace, type StorageLike } from '../state/autosave.ts';
import { appendChunks, appendSystem, emptyConsole, type ConsoleBuffer } from '../state/console-buffer.ts';
import { decodePermalink, isLongLink, permalinkUrl } from '../state/permalink.ts';
import { canRun, canStop, initialRunState, isActive, transition, type RunEvent, type RunState } from '../state/run-state.ts';
import { normalizeSettings, type Settings } from '../state/settings.ts';
import { effectiveTheme, nextTheme } from '../state/theme.ts';
import type { Workspace } from '../state/workspace.ts';
import { CodeEditor, type EditorMarker } from './CodeEditor.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { PausePanel } from './PausePanel.tsx';
import { StatusBar } from './StatusBar.tsx';
import { TestCasePanel } from './TestCasePanel.tsx';
import { Toolbar } from './Toolbar.tsx';
import { HealReview } from './HealReview.tsx';
import { HealTimeline } from './HealTimeline.tsx';
import { HealSettings } from './HealSettings.tsx';
import { HealSession, proposalProblem, withMergeTimings, type Proposal } from '../heal/pipeline.ts';
import { createBrowserExecutor } from '../../workers/executor/browser-executor.ts';
import { createRulesEngine } from '../state/heal/rules.ts';
import { createReplayEngine, type HealEngine } from '../state/heal/engine.ts';
import { createEndpointEngine } from '../state/heal/endpoint.ts';
import { parseTrace, serializeTrace, type HealTraceEntry } from '../state/heal/trace.ts';
import { createBrowserAnalysis } from '../../workers/analysis/browser-analysis.ts';
import { createStaticChecks } from '../checks/static-checks.ts';
import { dnnMarkers, securityMarkers } from '../state/checks/markers.ts';
import type { PythonEditor } from '../monaco/editor.ts';
import { ChecksArea } from './ChecksArea.tsx';
import { createChecksActions } from '../checks/checks-actions.tsx';
import { createRepairActions, type HealRunRecord } from '../heal/repair-actions.tsx';
import { createBrowserLlm } from '../../workers/llm/client.ts';
import { createModelManager } from '../llm/model-manager.ts';
import { ModelManager } from './ModelManager.tsx';
import { errorText } from '../../workers/shared/async.ts';

const PREVIOUS_WORKSPACE_KEY = 'heal-playground:previous-workspace:v1';
const SYNTAX_CHECK_DELAY_MS = 400;
const AUTOSAVE_DELAY_MS = 500;

interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
  action?: { label: string; run(): void };
}

function exampleWorkspace(settings: Settings): Workspace {
  return { code: defaultExample.code, stdin: defaultExample.stdin, expectedOutput: defaultExample.expectedOutput, settings };
}

function safeStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled: the page works, nothing is saved
  }
}

export function Playground(props: { runner: RunnerClient; progress: () => LoadProgress | undefined; restarts: () => number }) {
  const storage = safeStorage();
  const isMac = isMacPlatform(navigator.platform);
  const saved = storage ? loadWorkspace(storage) : null;
  const initial = saved ?? exampleWorkspace(normalizeSettings({}));

  const [code, setCode] = createSignal(initial.code);
  const [stdin, setStdin] = createSignal(initial.stdin);
  const [expected, setExpected] = createSignal(initial.expectedOutput ?? '');
  const [settings, setSettings] = createSignal<Settings>(initial.settings);
  const [state, setState] = createSignal<RunState>(initialRunState);
  const [info, setInfo] = createSignal<RunnerInfo>();
  const [output, setOutput] = createSignal<ConsoleBuffer>(emptyConsole);
  const [runError, setRunError] = createSignal<ErrorInfo>();
  const [runStartedAt, setRunStartedAt] = createSignal<number>();
  const [syntaxMarkers, setSyntaxMarkers] = createSignal<EditorMarker[]>([]);
  const [notices, setNotices] = createSignal<Notice[]>([]);
  const [paletteOpen, setPaletteOpen] = createSignal(false);
  const [prefersDark, setPrefersDark] = createSignal(matchMedia('(prefers-color-scheme: dark)').matches);

  const [proposal, setProposal] = createSignal<Proposal>();
  const [healBusy, setHealBusy] = createSignal<string | null>(null);
  const [trace, setTrace] = createSignal<HealTraceEntry[]>([]);
  // Heals recorded in an opened permalink: Run replays them without any model.
  const [replayTrace, setReplayTrace] = createSignal<HealTraceEntry[]>();
  // The last healed run (source, test case, pauses): "Make it permanent" needs the real pause.
  const [lastRun, setLastRun] = createSignal<HealRunRecord>();
  const executor = createBrowserExecutor();
  const analysis = createBrowserAnalysis();
  let editorRef: PythonEditor | undefined;
  const rulesEngine = createRulesEngine();
  // WebLLM in its own worker, started when the manager opens or a remembered model is restored.
  const llm = createBrowserLlm();
  const models = createModelManager(llm, () => settings().webllmModel);
  const [modelManagerOpen, setModelManagerOpen] = createSignal(false);
  /** The loaded local model; without one, say so (once per reason) and let the rules answer. */
  function webllmEngine() {
    const engine = models.engine();
    if (!engine) {
      notify('warning', models.status() === 'loading' ? 'The local model is still loading; the rules engine answers meanwhile.'
        : 'No local model is loaded; the rules engine answers instead.', { label: 'Model manager', run: () => setModelManagerOpen(true) });
    }
    return engine;
  }
  let session: HealSession | undefined;
  let pauseContext: PauseContext | undefined;

  let answerPause: ((answer: PauseAnswer) => void) | undefined;
  let answerInput: ((line: string | null) => void) | undefined;
  let noticeIds = 0;

  const send = (event: RunEvent) => setState((s) => transition(s, event));
  const workspace = (): Workspace => ({ code: code(), stdin: stdin(), expectedOutput: expected() === '' ? null : expected(), settings: settings() });
  const theme = () => effectiveTheme(settings().theme, prefersDark());

  /** Info notices fade after 6 s unless they offer an action or must stay (persist); returns the id. */
  function notify(kind: Notice['kind'], text: string, action?: Notice['action'], options: { persist?: boolean } = {}): number {
    const id = ++noticeIds;
    setNotices((list) => [...list.filter((n) => n.text !== text), { id, kind, text, action }]);
    if (kind === 'info' && !action && !options.persist) setTimeout(() => dismiss(id), 6000);
    return id;
  }
  // "Opened a shared program… not run" stays until the user runs it or closes it.
  let permalinkNotice: number | undefined;
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));

  function applyWorkspace(ws: Workspace): void {
    batch(() => {
      setCode(ws.code);
      setStdin(ws.stdin);
      setExpected(ws.expectedOutput ?? '');
      setSettings(ws.settings);
      setOutput(emptyConsole);
      setRunError(undefined);
    });
  }

  // -- static checks (analysis worker; started once Python is ready so start-up stays fast) --
  const checks = createStaticChecks(analysis, { code, settings, ready: () => info() !== undefined });
  const editorMarkers = () => [
    ...syntaxMarkers(),
    ...securityMarkers(checks.security()?.findings ?? []),
    ...dnnMarkers(checks.dnn()?.findings ?? []),
  ];
  const checksUi = createChecksActions({
    code, setCode, stdin, expected, settings, theme, executor, analysis, notify,
    recordBugReport: (input) => repairUi.recordBugReport(input),
    engine: () => chooseTaskEngine(),
    busy: () => isActive(state()),
    reveal: (line) => { editorRef?.setPosition(line, 1); editorRef?.monaco.revealLineInCenter(line); editorRef?.focus(); },
  });

  const repairUi = createRepairActions({
    code, setCode, stdin, setStdin, expected, setExpected, theme, executor, analysis, trace, lastRun, notify,
    engine: () => chooseTaskEngine(),
    busy: () => isActive(state()),
  });

  // -- autosave ---------------------------------------------------------------
  const autosaver = storage
    ? createAutosaver(storage, AUTOSAVE_DELAY_MS, {
        onSave: (ok, failure) => { if (!ok) notify('warning', failure?.message ?? 'Autosave failed: browser storage is full or disabled. Use Share to keep a link to your code.'); },
      })
    : undefined;
  createEffect(on(workspace, (ws) => autosaver?.schedule(ws), { defer: true }));
  const flushAutosave = () => autosaver?.flush();
  window.addEventListener('pagehide', flushAutosave);
  onCleanup(() => { window.removeEventListener('pagehide', flushAutosave); flushAutosave(); });

  // -- permalinks -------------------------------------------------------------
  // Opening a link replaces the editor: the work it replaces stays recoverable.
  function keepPrevious(previous: Workspace): void {
    try {
      storage?.setItem(PREVIOUS_WORKSPACE_KEY, JSON.stringify(previous));
    } catch {
      // storage full: the in-memory "Restore my previous code" action still works
    }
  }

  function openPermalink(hash: string): void {
    if (!hash.startsWith('#v')) return; // an ordinary anchor, not ours
    const decoded = decodePermalink(hash);
    if (!decoded.ok) {
      if (decoded.reason !== 'empty') notify('error', decoded.message);
      return;
    }
    const previous = workspace();
    const { heals, ...shared } = decoded.payload;
    if (previous.code !== shared.code) keepPrevious(previous);
    applyWorkspace(shared);
    const recorded = heals ? parseTrace(heals) : null;
    setReplayTrace(recorded && recorded.length ? recorded : undefined);
    setTrace(recorded ?? []);
    setLastRun(undefined);
    permalinkNotice = notify('info', `Opened a shared program${replayTrace() ? ` with ${replayTrace()!.length} recorded heal decisions (Run replays them, no model needed)` : ''}. It has not been run: press Run to start it.`,
      previous.code !== shared.code ? { label: 'Restore my previous code', run: () => applyWorkspace(previous) } : undefined, { persist: true });
  }

  async function share(): Promise<void> {
    const url = permalinkUrl(location.href, { ...workspace(), heals: trace().length ? serializeTrace(trace(), { dropPrompts: true }) : undefined });
    history.replaceState(null, '', url);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false; // no clipboard permission (e.g. not focused): the address bar has the link
    }
    notify('info', copied ? 'Link copied to the clipboard and put in the address bar.' : 'Link put in the address bar (copying to the clipboard was not allowed).');
    if (isLongLink(url)) notify('warning', `This link is long (${url.length.toLocaleString()} characters); some chat and mail tools cut long links.`);
  }

  // -- runner ---------------------------------------------------------------------
  function startRunner(): void {
    props.runner.start().then(
      (runnerInfo) => {
        setInfo(runnerInfo);
        send({ type: 'loaded', blocking: runnerInfo.blocking });
        scheduleSyntaxCheck();
        // Warm the executor now so the first heal does not wait for a second Python to start.
        void executor.start().catch(() => {});
      },
      (error: unknown) => {
        const message = errorText(error);
        send({ type: 'load-failed', message });
        notify('error', `Python could not start: ${message}. Your code is safe.`, {
          label: 'Try again', run: () => { send({ type: 'restarting' }); startRunner(); },
        });
      },
    );
  }
  // After a hard stop or crash the worker restarts: go back to loading until it is ready.
  createEffect(on(props.restarts, () => { send({ type: 'restarting' }); startRunner(); }, { defer: true }));

  async function run(): Promise<void> {
    if (!canRun(state())) return;
    if (permalinkNotice !== undefined) { dismiss(permalinkNotice); permalinkNotice = undefined; }
    const request = { code: code(), stdin: stdin(), expectedOutput: expected() === '' ? null : expected() };
    const engine = chooseEngine();
    session = engine ? new HealSession(request.code, engine, executor, {
      autoAccept: settings().autoAccept, maxAttempts: settings().maxAttempts,
      reuseAccepted: settings().reuseAccepted, executorTimeLimitMs: 10_000,
    }, request.stdin) : undefined;
    setTrace([]);
    setLastRun(undefined);
    batch(() => {
      send({ type: 'run' });
      setOutput(emptyConsole);
      setRunError(undefined);
      setRunStartedAt(performance.now());
    });
    const result: RunResult = await props.runner.run(request, {
      onOutput: (chunks, truncated) => setOutput((o) => appendChunks(o, chunks, truncated)),
      onPause: (context: PauseContext) =>
        new Promise<PauseAnswer>((resolve) => {
          send({ type: 'paused', context });
          pauseContext = context;
          answerPause = (answer) => {
            answerPause = undefined;
            pauseContext = undefined;
            batch(() => { setProposal(undefined); setHealBusy(null); send({ type: 'resumed' }); });
            resolve(answer);
          };
          void startHealing(context);
        }),
      onInput: (prompt) =>
        new Promise<string | null>((resolve) => {
          send({ type: 'input-requested', prompt });
          answerInput = (line) => { answerInput = undefined; send({ type: 'input-answered' }); resolve(line); };
        }),
    }, { timeLimitMs: settings().timeLimitMs });
    answerPause = answerInput = undefined;
    const healed = session;
    session = undefined;
    batch(() => {
      setProposal(undefined);
      setHealBusy(null);
      if (healed) setLastRun({ source: request.code, stdin: request.stdin, expectedOutput: request.expectedOutput, pauses: healed.pauses });
      if (healed) setTrace(withMergeTimings(healed.trace, result.heals).map((t) => ({ ...t, outcome: result.proceed === undefined ? undefined : { proceed: result.proceed, correct: result.correct } })));
      if (result.status === 'stopped') {
        setOutput((o) => appendSystem(o, result.stopReason === 'time-limit'
          ? `Stopped: the time limit (${settings().timeLimitMs / 1000} s) was reached.\n` : 'Stopped.\n'));
      }
      setRunError(result.status === 'error' ? result.error : undefined);
      if (result.notice) notify('warning', result.notice);
      send({ type: 'finished', result });
      // A hard stop or a crash restarts the worker: show loading until it is back.
      if (!props.runner.info) send({ type: 'restarting' });
    });
  }

  // -- healing ---------------------------------------------------------------------
  const syncTrace = () => session && setTrace([...session.trace]);

  async function startHealing(context: PauseContext): Promise<void> {
    const current = session;
    if (!current) return;
    try {
      if (current.settings.autoAccept) {
        setHealBusy(`Healing with ${engineLabel()}…`);
        const answer = await current.autoHeal(context);
        syncTrace();
        if (answer.action === 'merge' && pauseContext === context) { answerPause?.(answer); return; }
        setHealBusy(null);
        notify('warning', `No handling code for ${context.error.type} at line ${context.line} ran cleanly; decide below.`);
        return;
      }
      const reuse = current.reusable(context);
      if (reuse !== undefined) {
        const { execution, executorMs } = await current.execute(context, reuse);
        const reused: Proposal = { attempt: 0, system: '', user: '', answer: '', code: reuse, execution, engineMs: 0, executorMs, reused: true };
        if (proposalProblem(reused) === null && pauseContext === context) {
          const answer = current.decide(context, reused, 'reused');
          syncTrace();
          answerPause?.(answer);
          return;
        }
      }
      await propose(context, 1);
    } catch (error) {
      setHealBusy(null);
      notify('error', `The heal engine failed: ${errorText(error)}`);
    }
  }

  async function propose(context: PauseContext, attempt: number, rejection?: string): Promise<void> {
    if (!session) return;
    setProposal(undefined);
    setHealBusy(`Asking ${engineLabel()} for handling code…`);
    const next = await session.propose(context, attempt, rejection);
    if (pauseContext !== context) return;
    batch(() => { setProposal(next); setHealBusy(null); });
  }

  function chooseEngine(): HealEngine | undefined {
    const s = settings();
    if (replayTrace()) return createReplayEngine(replayTrace()!);
    if (s.healEngine === 'rules') return rulesEngine;
    if (s.healEngine === 'endpoint') return createEndpointEngine({ url: s.endpointUrl, model: s.endpointModel });
    if (s.healEngine === 'webllm') return webllmEngine() ?? rulesEngine;
    return undefined;
  }

  /** The engine for patching and infill: a model engine when one is chosen, else null (each task uses its rules engine). */
  function chooseTaskEngine() {
    const s = settings();
    if (s.healEngine === 'endpoint') return createEndpointEngine({ url: s.endpointUrl, model: s.endpointModel });
    if (s.healEngine === 'webllm') return webllmEngine() ?? null;
    return null;
  }

  const engineLabel = () => (replayTrace() ? 'the recorded heals'
    : settings().healEngine === 'endpoint' ? `${settings().endpointModel} at ${settings().endpointUrl}`
    : settings().healEngine === 'webllm' && models.engine() ? models.engine()!.label : 'the rules engine');

  function acceptProposal(): void {
    const p = proposal();
    if (!session || !p || !pauseContext) return;
    const answer = session.decide(pauseContext, p, 'accepted');
    syncTrace();
    answerPause?.(answer);
  }

  function rejectProposal(reason: string, retry: boolean): void {
    const p = proposal();
    const context = pauseContext;
    if (!session || !p || !context) return;
    session.decide(context, p, 'rejected', reason);
    syncTrace();
    setProposal(undefined);
    if (retry) void propose(context, p.attempt + 1, reason).catch((e: unknown) => notify('error', String(e)));
  }

  async function runEdited(codeText: string): Promise<void> {
    const p = proposal();
    const context = pauseContext;
    if (!session || !p || !context) return;
    setHealBusy('Running your handling code in the executor…');
    const { execution, executorMs } = await session.execute(context, codeText);
    if (pauseContext !== context) return;
    batch(() => { setProposal({ ...p, code: codeText, execution, executorMs, reused: false }); setHealBusy(null); });
  }

  function endOrSkip(answer: PauseAnswer): void {
    const p = proposal();
    if (session && pauseContext && p) {
      session.decide(pauseContext, { ...p, execution: undefined }, answer.action === 'raise' ? 'raised' : 'skipped');
      syncTrace();
    }
    answerPause?.(answer);
  }

  function stop(): void {
    if (!canStop(state())) return;
    send({ type: 'stop' });
    props.runner.stop();
  }

  // -- syntax markers as you type (not while a program runs: the worker is busy) --
  let syntaxTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleSyntaxCheck(): void {
    clearTimeout(syntaxTimer);
    syntaxTimer = setTimeout(async () => {
      if (state().phase !== 'ready') return;
      const source = code();
      // A worker the watchdog replaced rejects; the restart itself shows as "loading".
      const check = await props.runner.checkSyntax(source).catch(() => undefined);
      if (!check || source !== code()) return; // stale
      const e = check.error;
      setSyntaxMarkers(e && e.line !== undefined ? [{
        line: e.line, col: e.col ?? 1, endLine: e.endLine, endCol: e.endCol,
        message: `${e.type}: ${e.message}`, severity: 'error', source: 'Python',
      }] : []);
    }, SYNTAX_CHECK_DELAY_MS);
  }
  createEffect(on(code, scheduleSyntaxCheck, { defer: true }));
  createEffect(on(() => state().phase, (phase) => { if (phase === 'ready') scheduleSyntaxCheck(); }, { defer: true }));

  const highlight = () => {
    const s = state();
    if (s.pause) return { line: s.pause.line, endLine: s.pause.endLine, kind: 'paused' as const };
    const error = runError();
    const line = error?.traceback.at(-1)?.line ?? error?.line;
    return error && line !== undefined && error.type !== 'SyntaxError' ? { line, endLine: line, kind: 'failed' as const } : null;
  };

  // -- commands ---------------------------------------------------------------------
  function enabled(id: CommandId): boolean {
    if (id === 'run') return canRun(state());
    if (id === 'stop') return canStop(state());
    if (id === 'reset-example') return !isActive(state());
    if (id === 'patch-all-findings') return checksUi.actions.patchBlocked() === null && (checks.security()?.findings.length ?? 0) > 0;
    return true;
  }

  function execute(id: CommandId): void {
    if (!enabled(id)) return;
    switch (id) {
      case 'run': void run(); break;
      case 'stop': stop(); break;
      case 'share': void share(); break;
      case 'clear-output': batch(() => { setOutput(emptyConsole); setRunError(undefined); }); break;
      case 'reset-example': {
        const previous = workspace();
        applyWorkspace(exampleWorkspace(settings()));
        notify('info', 'Editor reset to the example.', { label: 'Undo', run: () => applyWorkspace(previous) });
        break;
      }
      case 'toggle-theme': setSettings((s) => ({ ...s, theme: nextTheme(s.theme) })); break;
      case 'palette': setPaletteOpen(true); break;
      case 'toggle-security-check': setSettings((s) => ({ ...s, securityCheck: !s.securityCheck })); break;
      case 'toggle-dnn-check': setSettings((s) => ({ ...s, dnnCheck: !s.dnnCheck })); break;
      case 'patch-all-findings': checksUi.actions.patchSecurity(null); break;
      case 'export': repairUi.openExport(); break;
      case 'generate-failing-test': repairUi.generateTest(); break;
      case 'model-manager': setModelManagerOpen(true); break;
    }
  }

  function loadExample(id: string): void {
    const example = findExample(id);
    if (!example || isActive(state())) return;
    const previous = workspace();
    applyWorkspace({ code: example.code, stdin: example.stdin, expectedOutput: example.expectedOutput, settings: settings() });
    notify('info', `Loaded the example “${example.title}”.`, { label: 'Undo', run: () => applyWorkspace(previous) });
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const id = matchShortcut(event, isMac);
    if (!id) return;
    event.preventDefault();
    execute(id);
  };

  onMount(() => {
    document.addEventListener('keydown', onKeyDown);
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = (e: MediaQueryListEvent) => setPrefersDark(e.matches);
    media.addEventListener('change', onScheme);
    const onHash = () => openPermalink(location.hash);
    window.addEventListener('hashchange', onHash);
    onCleanup(() => {
      document.removeEventListener('keydown', onKeyDown);
      media.removeEventListener('change', onScheme);
      window.removeEventListener('hashchange', onHash);
    });
    openPermalink(location.hash);
    startRunner();
    // A remembered local model comes back from the cache by itself (never a download).
    if (settings().healEngine === 'webllm') void models.restore();
  });
  onCleanup(() => { props.runner.dispose(); executor.dispose(); analysis.dispose(); llm.dispose(); });
  createEffect(() => { document.documentElement.dataset.theme = theme(); });

  return (
    <div class="playground">
      <Toolbar isMac={isMac} enabled={enabled} onCommand={execute} onExample={loadExample} theme={settings().theme} />
      <div class="notices" aria-live="polite">
        <For each={notices()}>
          {(n) => (
            <div class={`notice-bar ${n.kind}`} data-testid={`notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
              <span>{n.text}</span>
              <Show when={n.action}>{(a) => <button class="small" onClick={() => { a().run(); dismiss(n.id); }}>{a().label}</button>}</Show>
              <button class="small close" aria-label="Dismiss" onClick={() => dismiss(n.id)}>×</button>
            </div>
          )}
        </For>
      </div>
      <main class="panes">
        <section class="editor-pane" aria-label="Program">
          <CodeEditor value={code()} onChange={setCode} theme={theme()} markers={editorMarkers()} highlight={highlight()} ref={(e) => { editorRef = e; }}
            onRun={() => execute('run')} id="code" ariaLabel="Python program" />
          <p class="hint">{getCommand('run').title}: {isMac ? '⌘↵' : 'Ctrl+Enter'} · Esc leaves the editor · {isMac ? '⇧⌘P' : 'Ctrl+Shift+P'} all commands</p>
        </section>
        <section class="side-pane">
          <Show when={state().pause}>
            {(pause) => (
              <PausePanel context={pause()} reportOnly={state().blocking === 'report-only'} answer={endOrSkip}>
                <Show when={session && state().blocking !== 'report-only'}>
                  <HealReview context={pause()} proposal={proposal()} busy={healBusy()} engineLabel={engineLabel()}
                    onAccept={acceptProposal} onReject={(r) => rejectProposal(r, false)} onRetry={(r) => rejectProposal(r, true)}
                    onRunEdited={(c) => void runEdited(c)} />
                </Show>
              </PausePanel>
            )}
          </Show>
          <ConsolePanel buffer={output()} error={runError()} prompt={state().phase === 'awaiting-input' ? state().prompt ?? '' : null}
            onInput={(line) => answerInput?.(line)} onClear={() => execute('clear-output')} />
          <TestCasePanel stdin={stdin()} expectedOutput={expected()} onStdin={setStdin} onExpectedOutput={setExpected}
            timeLimitMs={settings().timeLimitMs} onTimeLimitMs={(ms) => setSettings((s) => normalizeSettings({ ...s, timeLimitMs: ms }))}
            result={isActive(state()) ? undefined : state().lastResult} />
          <HealSettings settings={settings()} replaying={replayTrace() !== undefined} onChange={(patch) => {
            setSettings((s) => normalizeSettings({ ...s, ...patch }));
            if (patch.healEngine === 'webllm' && !models.engine()) setModelManagerOpen(true);
          }}
            onStopReplay={() => setReplayTrace(undefined)} onOpenModelManager={() => setModelManagerOpen(true)} />
          <HealTimeline entries={trace()} canMakePermanent={repairUi.canMakePermanent} onMakePermanent={repairUi.makePermanent} onExport={repairUi.openExport} />
          <ChecksArea checks={checks} settings={settings()} onSettings={(patch) => setSettings((s) => normalizeSettings({ ...s, ...patch }))}
            actions={checksUi.actions} />
        </section>
      </main>
      <StatusBar state={state()} info={info()} progress={props.progress()} runStartedAt={runStartedAt()} />
      {checksUi.dialogs()}
      {repairUi.dialogs()}
      <Show when={modelManagerOpen()}>
        <ModelManager manager={models} settings={settings()} onSettings={(patch) => setSettings((s) => normalizeSettings({ ...s, ...patch }))}
          onClose={() => setModelManagerOpen(false)} />
      </Show>
      <Show when={paletteOpen()}>
        <CommandPalette isMac={isMac} enabled={enabled} onRun={execute} onClose={() => setPaletteOpen(false)} />
      </Show>
    </div>
  );
}
