// The page: toolbar, editor, console, test case, paused panel, status bar.
// Owns the workspace (code, test case, settings), autosave (with the two-tab conflict),
// permalinks and the history of replaced work, and drives the runner through the run
// state machine.
import { batch, createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { ErrorInfo, LoadProgress, PauseAnswer, PauseContext, RunResult, RunnerInfo } from '../../workers/protocol/runner.ts';
import type { RunnerClient } from '../../workers/runner/client.ts';
import { getCommand, isMacPlatform, matchShortcut, type CommandId } from '../commands.ts';
import { defaultExample, examples, findExample } from '../examples/index.ts';
import { WORKSPACE_KEY, createAutosaver, loadWorkspace, type StorageLike } from '../state/autosave.ts';
import { appendChunks, appendSystem, emptyConsole, type ConsoleBuffer } from '../state/console-buffer.ts';
import { decodePermalink, isLongLink, permalinkUrl } from '../state/permalink.ts';
import { canRun, canStop, initialRunState, isActive, transition, type RunEvent, type RunState } from '../state/run-state.ts';
import { normalizeSettings, type Settings } from '../state/settings.ts';
import { effectiveTheme, nextTheme } from '../state/theme.ts';
import { sameWork, workOf, type Work, type Workspace } from '../state/workspace.ts';
import { applyLinkSettings, linkSettingDifferences, settingsForLink, type LinkSettingDifference, type LinkSettings } from '../state/link-settings.ts';
import { addNotice, afterAction, type Notice, type NoticeAction } from '../state/notices.ts';
import { plural } from '../state/plural.ts';
import { createWorkHistory, entryPreview, type HistoryEntry, type HistoryReason } from '../state/work-history.ts';
import { migrateStorage } from '../state/storage-keys.ts';
import { HistoryDialog } from './HistoryDialog.tsx';
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
import { HealSession, withMergeTimings, withReuses, type Proposal } from '../heal/pipeline.ts';
import { createBrowserExecutor } from '../../workers/executor/browser-executor.ts';
import { createRulesEngine } from '../state/heal/rules.ts';
import type { HealEngine } from '../../workers/shared/engine.ts';
import { createReplayEngine } from '../state/heal/engine.ts';
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

const SYNTAX_CHECK_DELAY_MS = 400;
const AUTOSAVE_DELAY_MS = 500;

function exampleWorkspace(settings: Settings): Workspace {
  return { code: defaultExample.code, stdin: defaultExample.stdin, expectedOutput: defaultExample.expectedOutput, settings };
}

/** An unchanged example is one click away (Examples, Reset): not worth a history entry. */
const isPristineExample = (work: Work) => examples.some((example) => sameWork(example, work));

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
  const workHistory = createWorkHistory(storage);
  if (storage) migrateStorage(storage, workHistory);
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
  // The history dialog's entries while it is open (read when it opens: other tabs add to it too).
  const [historyEntries, setHistoryEntries] = createSignal<HistoryEntry[]>();
  const [prefersDark, setPrefersDark] = createSignal(matchMedia('(prefers-color-scheme: dark)').matches);

  const [proposal, setProposal] = createSignal<Proposal>();
  const [healBusy, setHealBusy] = createSignal<string | null>(null);
  const [trace, setTrace] = createSignal<HealTraceEntry[]>([]);
  // Heals recorded in an opened permalink: Run replays them without any model.
  // Heals recorded in an opened link. They are shown (timeline) but run only after the
  // explicit "Run the recorded heals" decision (replaying); every replayed heal is reviewed.
  const [linkTrace, setLinkTrace] = createSignal<{ code: string; entries: HealTraceEntry[] }>();
  const [replaying, setReplaying] = createSignal(false);
  const replayTrace = () => (replaying() ? linkTrace()?.entries : undefined);
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
        : 'No local model is loaded; the rules engine answers instead.', { label: 'Model manager', run: () => setModelManagerOpen(true) }, { key: 'webllm-missing' });
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

  /**
   * Info notices fade after 6 s unless they offer an action or must stay (persist); a notice
   * with actions is never replaced except by one with the same key (state/notices.ts). Returns the id.
   */
  function notify(kind: Notice['kind'], text: string, action?: NoticeAction | readonly NoticeAction[],
    options: { persist?: boolean; key?: string; details?: readonly string[] } = {}): number {
    const id = ++noticeIds;
    const actions = action === undefined ? [] : 'label' in action ? [action] : action;
    setNotices((list) => addNotice(list, { id, kind, text, actions, details: options.details, key: options.key }));
    if (kind === 'info' && actions.length === 0 && !options.persist) setTimeout(() => dismiss(id), 6000);
    return id;
  }
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  const updateNotice = (id: number, patch: Partial<Pick<Notice, 'text' | 'details' | 'actions'>>) =>
    setNotices((list) => list.map((n) => (n.id === id ? { ...n, ...patch } : n)));

  /** Puts code and test case in the editor; the settings stay (they are never part of replaced work). */
  function applyWork(work: Work): void {
    batch(() => {
      setCode(work.code);
      setStdin(work.stdin);
      setExpected(work.expectedOutput ?? '');
      setOutput(emptyConsole);
      setRunError(undefined);
    });
  }

  /** Keeps work that is being replaced in the history; says so once when storage cannot hold it. */
  function keepReplaced(work: Work, reason: HistoryReason): void {
    if (isPristineExample(work)) return;
    const { kept, persisted } = workHistory.push(work, reason);
    if (kept && !persisted) {
      notify('warning', 'Replaced code is kept for this session only (browser storage is full or disabled): "Restore earlier code…" finds it until you close the tab.', undefined, { key: 'history-storage' });
    }
  }

  /** Replaces the editor's work, keeping the replaced work in the history; returns it (for Undo). */
  function replaceWork(next: Work, reason: HistoryReason): Work {
    const previous = workOf(workspace());
    if (!sameWork(previous, next)) keepReplaced(previous, reason);
    applyWork(next);
    return previous;
  }

  /** A notice action that brings work back (Undo, Restore my previous code): not while a program runs. */
  function restoreAction(label: string, work: Work, options: { closesNotice?: boolean } = {}): NoticeAction {
    return {
      label, closesNotice: options.closesNotice,
      run: () => {
        if (isActive(state())) { notify('warning', 'Stop the program first: the editor cannot change while it runs.'); return false; }
        replaceWork(work, 'restore');
        return true;
      },
    };
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

  // -- autosave and the other tab ------------------------------------------------
  // Another tab saving a different program holds this tab's writes until the user chooses;
  // either way the version that loses goes into the history.
  const autosaver = storage
    ? createAutosaver(storage, AUTOSAVE_DELAY_MS, {
        onSave: (ok, failure) => { if (!ok) notify('warning', failure?.message ?? 'Autosave failed: browser storage is full or disabled. Use Share to keep a link to your code.'); },
        makeRoom: () => workHistory.makeRoom(),
        onConflict: (other) => showConflict(other),
      })
    : undefined;
  createEffect(on(workspace, (ws) => {
    autosaver?.schedule(ws);
    // Editing while the save is held: the choice comes back if its notice was closed with ×.
    const other = autosaver?.conflict();
    if (other && !notices().some((n) => n.key === 'tab-conflict')) showConflict(other);
  }, { defer: true }));
  const flushAutosave = () => {
    // Closing (or reloading) while the other tab's save is kept: this tab's version goes into the history.
    if (autosaver?.conflict()) keepReplaced(workOf(workspace()), 'closed-in-conflict');
    autosaver?.flush();
  };
  const onStorage = (event: StorageEvent) => {
    if (event.storageArea === storage && (event.key === WORKSPACE_KEY || event.key === null)) autosaver?.external(workspace());
  };
  window.addEventListener('pagehide', flushAutosave);
  window.addEventListener('storage', onStorage);
  onCleanup(() => { window.removeEventListener('pagehide', flushAutosave); window.removeEventListener('storage', onStorage); flushAutosave(); });

  function showConflict(other: Workspace | null): void {
    if (other === null) { setNotices((list) => list.filter((n) => n.key !== 'tab-conflict')); return; }
    notify('warning', 'This program was changed in another tab. This tab\'s version is not saved until you choose; the version you do not keep goes into "Restore earlier code…".', [
      { label: "Load the other tab's version", closesNotice: true, run: () => resolveConflict('load') },
      { label: "Keep this tab's version (overwrite)", closesNotice: true, run: () => resolveConflict('overwrite') },
    ], { key: 'tab-conflict', details: [`The other tab has: ${entryPreview(other)}`] });
  }

  function resolveConflict(choice: 'load' | 'overwrite'): boolean {
    const other = autosaver?.conflict();
    if (!autosaver || !other) return true;
    if (choice === 'load' && isActive(state())) {
      notify('warning', 'Stop the program first: the editor cannot change while it runs.');
      return false;
    }
    if (choice === 'load') {
      keepReplaced(workOf(workspace()), 'other-tab');
      autosaver.resolveConflict('load', workspace());
      applyWork(other);
    } else {
      keepReplaced(workOf(other), 'overwritten');
      autosaver.resolveConflict('overwrite', workspace());
    }
    return true;
  }

  // -- permalinks -------------------------------------------------------------
  // A link brings code, test case and recorded heals; its settings are only listed, with a
  // button to use them. The work it replaces goes into the history, and each link gets its
  // own notice (never replaced by the next one).
  // The parts of each link notice's text: Run drops "not run", using the settings drops the list.
  interface LinkNotice { opened: string; ran: boolean; listed: string }
  const linkNotices = new Map<number, LinkNotice>();
  const linkNoticeText = (l: LinkNotice) => l.opened + (l.ran ? '' : ' It has not been run: press Run to start it.') + l.listed;

  function openPermalink(hash: string): void {
    if (!hash.startsWith('#v')) return; // an ordinary anchor, not ours
    const decoded = decodePermalink(hash);
    if (!decoded.ok) {
      if (decoded.reason !== 'empty') notify('error', decoded.message);
      return;
    }
    const { heals, settings: suggested = {}, ...shared } = decoded.payload;
    const previous = replaceWork(shared, 'link');
    const recorded = heals ? parseTrace(heals) : null;
    batch(() => {
      setLinkTrace(recorded && recorded.length ? { code: shared.code, entries: recorded } : undefined);
      setReplaying(false);
    });
    setTrace(recorded ?? []);
    setLastRun(undefined);
    const differences = linkSettingDifferences(suggested, settings());
    const notice: LinkNotice = {
      opened: `Opened a shared program${linkTrace() ? ` with ${plural(linkTrace()!.entries.length, 'recorded heal decision')}: their handling code is in the Heal timeline and runs only if you choose "Run the recorded heals"` : ''}.`,
      ran: false,
      listed: differences.length === 0 ? ''
        : ` The link suggests ${differences.length === 1 ? 'a setting that differs' : 'settings that differ'} from yours; yours are unchanged:`,
    };
    const actions: NoticeAction[] = [];
    let id = 0;
    if (linkTrace()) actions.push({ label: 'Run the recorded heals', run: startReplay });
    if (differences.length > 0) actions.push({ label: "Use the link's settings", run: () => useLinkSettings(id, suggested, differences) });
    if (!sameWork(previous, shared)) actions.push(restoreAction('Restore my previous code', previous, { closesNotice: true }));
    id = notify('info', linkNoticeText(notice), actions, { persist: true, details: differences.map((d) => d.text) });
    linkNotices.set(id, notice);
  }

  /** The explicit decision to replay a link's recorded heals (each one is still reviewed before it merges). */
  function startReplay(): void {
    if (!linkTrace()) return;
    setReplaying(true);
    notify('info', 'The next Run replays the recorded heals: each one runs in the isolated executor and waits for your Accept.', [], { key: 'replay' });
  }

  // Replay belongs to the link's program: editing the code (or opening another link) ends it.
  createEffect(on(code, (current) => {
    const recorded = linkTrace();
    if (recorded && current !== recorded.code) {
      batch(() => { setLinkTrace(undefined); setReplaying(false); });
    }
  }, { defer: true }));

  /** Applies exactly the listed settings (with Undo); the link's notice no longer lists them. */
  function useLinkSettings(noticeId: number, suggested: LinkSettings, differences: readonly LinkSettingDifference[]): void {
    const before = settings();
    setSettings(applyLinkSettings(before, suggested, differences));
    const notice = linkNotices.get(noticeId);
    if (notice) { notice.listed = ''; updateNotice(noticeId, { text: linkNoticeText(notice), details: undefined }); }
    notify('info', `Using the link's settings: ${differences.map((d) => d.suggested).join('; ')}.`,
      { label: 'Undo', run: () => { setSettings((s) => applyLinkSettings(s, before, differences)); } });
    if (settings().healEngine === 'webllm') void models.restore(); // from the cache only, never a download
  }

  async function share(): Promise<void> {
    const url = permalinkUrl(location.href, {
      ...workOf(workspace()), settings: settingsForLink(settings()),
      heals: trace().length ? serializeTrace(trace(), { dropPrompts: true }) : undefined,
    });
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
        }, { key: 'python-start' });
      },
    );
  }
  // After a hard stop or crash the worker restarts: go back to loading until it is ready.
  createEffect(on(props.restarts, () => { send({ type: 'restarting' }); startRunner(); }, { defer: true }));

  async function run(): Promise<void> {
    if (!canRun(state())) return;
    // Link notices stop saying "not run"; one without actions has said all it had to.
    for (const [id, notice] of linkNotices) {
      if (notice.ran) continue;
      notice.ran = true;
      if (notices().find((n) => n.id === id)?.actions.length) updateNotice(id, { text: linkNoticeText(notice) });
      else { dismiss(id); linkNotices.delete(id); }
    }
    const request = { code: code(), stdin: stdin(), expectedOutput: expected() === '' ? null : expected() };
    const engine = chooseEngine();
    session = engine ? new HealSession(request.code, engine, executor, {
      // Recorded heals from a link are never merged unreviewed, whatever the setting.
      autoAccept: settings().autoAccept && !replaying(), maxAttempts: settings().maxAttempts,
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
      if (healed) setTrace(withReuses(withMergeTimings(healed.trace, result.heals), result.heals).map((t) => ({ ...t, outcome: result.proceed === undefined ? undefined : { proceed: result.proceed, correct: result.correct } })));
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
    batch(() => { setProposal({ ...p, code: codeText, execution, executorMs }); setHealBusy(null); });
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
    if (id === 'reset-example' || id === 'restore-history') return !isActive(state());
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
        const previous = replaceWork(exampleWorkspace(settings()), 'reset');
        notify('info', 'Editor reset to the example.', restoreAction('Undo', previous));
        break;
      }
      case 'restore-history': setHistoryEntries(workHistory.list()); break;
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
    const previous = replaceWork(example, 'example');
    notify('info', `Loaded the example “${example.title}”.`, restoreAction('Undo', previous));
  }

  function restoreEntry(entry: HistoryEntry): void {
    setHistoryEntries(undefined);
    if (isActive(state())) return;
    const previous = replaceWork(entry, 'restore');
    notify('info', `Restored earlier code: ${entryPreview(entry, 1, 60)}`, restoreAction('Undo', previous));
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
              <div class="notice-body">
                <span>{n.text}</span>
                <Show when={n.details?.length}>
                  <ul class="notice-details" data-testid="notice-details"><For each={n.details}>{(line) => <li>{line}</li>}</For></ul>
                </Show>
              </div>
              <For each={n.actions}>
                {(a) => <button class="small" onClick={() => { if (a.run() !== false) setNotices((list) => afterAction(list, n.id, a)); }}>{a.label}</button>}
              </For>
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
          <HealSettings settings={settings()} replaying={replaying()} recordedHeals={linkTrace()?.entries.length ?? 0}
            onReplay={startReplay} onChange={(patch) => {
            setSettings((s) => normalizeSettings({ ...s, ...patch }));
            if (patch.healEngine === 'webllm' && !models.engine()) setModelManagerOpen(true);
          }}
            onStopReplay={() => setReplaying(false)} onOpenModelManager={() => setModelManagerOpen(true)} />
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
      <Show when={historyEntries()}>
        {(entries) => <HistoryDialog entries={entries()} onRestore={restoreEntry} onClose={() => setHistoryEntries(undefined)} />}
      </Show>
      <Show when={paletteOpen()}>
        <CommandPalette isMac={isMac} enabled={enabled} onRun={execute} onClose={() => setPaletteOpen(false)} />
      </Show>
    </div>
  );
}
