// The app layer's wiring: every store of the page, made once per page and shared through one
// typed context (the useRepl() pattern of the Solid playground). Views read and act through
// useRepl(); the stores themselves know nothing of views. Lifecycle (keyboard, theme, the
// address bar, starting and disposing the workers) lives here too.
import { createContext, createEffect, on, onCleanup, onMount, useContext, type Accessor, type JSX } from 'solid-js';
import type { LoadProgress } from '../../workers/protocol/runner.ts';
import type { RunnerClient } from '../../workers/runner/client.ts';
import { createBrowserExecutor } from '../../workers/executor/browser-executor.ts';
import { createBrowserAnalysis } from '../../workers/analysis/browser-analysis.ts';
import { createBrowserLlm } from '../../workers/llm/client.ts';
import type { DnnElement } from '../../workers/protocol/dnn.ts';
import type { StorageLike } from '../state/autosave.ts';
import type { PythonEditor } from '../monaco/editor.ts';
import { createModelManager } from '../llm/model-manager.ts';
import { commandEnabled, getCommand, isMacPlatform, matchShortcut, type CommandId } from '../commands.ts';
import { watchAutosave } from './autosave.ts';
import { createStaticChecks, type ChecksDeps } from './checks.ts';
import { createRunConsole } from './console.ts';
import { createDialogs } from './dialogs.ts';
import { infillElement } from './dnn.ts';
import { createEngines } from './engines.ts';
import { createExports } from './exports.ts';
import { createHealController } from './heal.ts';
import { createLinks } from './links.ts';
import { createNotices } from './notices.ts';
import { createPackages, executorWithPackages, runnerWithPackages } from './packages.ts';
import { createPatchReview } from './patch-review.ts';
import { createRepairActions } from './repair.ts';
import { createRuntime } from './runtime.ts';
import { createSecurityActions } from './security.ts';
import { createWorkspace } from './workspace.ts';

export interface ReplProps {
  runner: RunnerClient;
  progress: Accessor<LoadProgress | undefined>;
  /** Counts the runner's worker restarts (after a hard stop or a crash). */
  restarts: Accessor<number>;
}

function safeStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled: the page works, nothing is saved
  }
}

const darkScheme = () => matchMedia('(prefers-color-scheme: dark)');

/** The editor once Monaco is there: the checks reveal lines in it. */
function createEditorHandle() {
  let editor: PythonEditor | undefined;
  return {
    set: (instance: PythonEditor) => {
      editor = instance;
    },
    reveal(line: number): void {
      editor?.setPosition(line, 1);
      editor?.monaco.revealLineInCenter(line);
      editor?.focus();
    },
  };
}

/** Every store of the page; commands act on this. */
export function createStores(props: ReplProps) {
  const storage = safeStorage();
  const notices = createNotices();
  const notify = notices.notify;
  const runConsole = createRunConsole();
  const dialogs = createDialogs();
  const busy = () => runtime.busy();
  const workspace = createWorkspace({ storage, notify, busy, onReplaced: runConsole.clear, prefersDark: darkScheme().matches });
  const executor = createBrowserExecutor();
  const analysis = createBrowserAnalysis();
  // Packages the program imports, loaded before each run into the runner and the executor.
  const packages = createPackages({ settings: workspace.settings, runner: props.runner, executor, console: runConsole, notify });
  const runner = runnerWithPackages(props.runner, packages);
  const checksExecutor = executorWithPackages(executor, packages);
  // WebLLM in its own worker, started when the manager opens or a remembered model is restored.
  const llm = createBrowserLlm();
  const models = createModelManager(llm, () => workspace.settings().webllmModel);
  // Warm the executor once Python is ready, so the first heal does not wait for a second Python.
  const runtime = createRuntime({ runner, notify, code: workspace.code, onReady: () => void executor.start().catch(() => {}) });
  const engines = createEngines({ settings: workspace.settings, models, notify, openModelManager: dialogs.openModelManager });
  const heal = createHealController({
    runner,
    executor,
    runtime,
    console: runConsole,
    request: workspace.request,
    settings: workspace.settings,
    code: workspace.code,
    engines,
    notify,
    onRunStart: () => links.markRan(),
    holdsPause: packages.holdsPause,
  });
  const links = createLinks({ workspace, notices, heal, restoreModel: () => void models.restore() });
  const exports = createExports({ runs: heal.history, trace: heal.trace });
  const reviews = createPatchReview({ code: workspace.code, setCode: workspace.setCode, notify, busy });
  // The static checks start once Python is ready, so start-up stays fast.
  const checks = createStaticChecks(analysis, { code: workspace.code, settings: workspace.settings, ready: () => runtime.info() !== undefined });
  const checksDeps: ChecksDeps = {
    code: workspace.code,
    stdin: workspace.stdin,
    expected: workspace.expected,
    settings: workspace.settings,
    executor: checksExecutor,
    analysis,
    notify,
    engine: engines.task,
    busy,
    recordBugReport: exports.recordBugReport,
  };
  const security = createSecurityActions(checksDeps, reviews, undefined, checks.security);
  const infill = (element: DnnElement) => {
    const session = reviews.start();
    void infillElement(checksDeps, element, (view) => (view ? session.show(view) : session.close()));
  };
  const repair = createRepairActions({
    code: workspace.code,
    stdin: workspace.stdin,
    setStdin: workspace.setStdin,
    expected: workspace.expected,
    setExpected: workspace.setExpected,
    executor: checksExecutor,
    analysis,
    trace: heal.trace,
    lastRun: heal.lastRun,
    notify,
    engine: engines.task,
    busy,
    review: reviews,
    recordRepair: exports.recordRepair,
  });

  watchAutosave({ storage, workspace, notices, busy });
  createEffect(on(workspace.code, heal.codeChanged, { defer: true }));
  createEffect(on(props.restarts, runtime.restarted, { defer: true }));
  createEffect(() => {
    document.documentElement.dataset.theme = workspace.theme();
  });
  onCleanup(() => {
    props.runner.dispose();
    executor.dispose();
    analysis.dispose();
    llm.dispose();
  });

  return {
    isMac: isMacPlatform(navigator.platform),
    progress: props.progress,
    notices,
    workspace,
    runtime,
    packages,
    console: runConsole,
    heal,
    links,
    engines,
    models,
    checks,
    reviews,
    security,
    infill,
    repair,
    exports,
    dialogs,
    editor: createEditorHandle(),
  };
}

export type AppStores = ReturnType<typeof createStores>;

export interface Repl extends AppStores {
  /** Whether a command can run now (its `when` in web/commands.ts). */
  enabled(id: CommandId): boolean;
  execute(id: CommandId): void;
}

/** The stores, the commands over them, and the page's lifecycle. Call once, inside the page component. */
export function createRepl(props: ReplProps): Repl {
  const stores = createStores(props);
  const enabled = (id: CommandId) => commandEnabled(getCommand(id), stores);
  const execute = (id: CommandId) => {
    if (enabled(id)) getCommand(id).run(stores);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const id = matchShortcut(event, stores.isMac);
    if (!id) return;
    event.preventDefault();
    execute(id);
  };
  onMount(() => {
    document.addEventListener('keydown', onKeyDown);
    const media = darkScheme();
    const onScheme = (e: MediaQueryListEvent) => stores.workspace.setPrefersDark(e.matches);
    media.addEventListener('change', onScheme);
    const onHash = () => stores.links.open(location.hash);
    window.addEventListener('hashchange', onHash);
    onCleanup(() => {
      document.removeEventListener('keydown', onKeyDown);
      media.removeEventListener('change', onScheme);
      window.removeEventListener('hashchange', onHash);
    });
    stores.links.open(location.hash);
    stores.runtime.start();
    // A remembered local model comes back from the cache by itself (never a download).
    if (stores.workspace.settings().healEngine === 'webllm') void stores.models.restore();
  });
  return { ...stores, enabled, execute };
}

const ReplContext = createContext<Repl>();

export function ReplProvider(props: { repl: Repl; children: JSX.Element }) {
  return <ReplContext.Provider value={props.repl}>{props.children}</ReplContext.Provider>;
}

/** The page's stores; only inside <ReplProvider>. */
export function useRepl(): Repl {
  const repl = useContext(ReplContext);
  if (!repl) throw new Error('useRepl() outside <ReplProvider>');
  return repl;
}
