// The page's layout: toolbar, notices, editor, and beside it the paused panel, console, test
// case, heal settings, heal timeline and checks; status bar and dialogs. Everything it shows
// and does comes from the app layer (web/app), shared through useRepl().
import { Show } from 'solid-js';
import { createRepl, ReplProvider, useRepl, type ReplProps } from '../app/context.tsx';
import { getCommand } from '../commands.ts';
import { dnnMarkers, securityMarkers } from '../state/checks/markers.ts';
import { isActive } from '../state/run-state.ts';
import { missingModuleFromError, skipImportWarning } from '../../workers/shared/packages/unavailable.ts';
import { ChecksArea } from './ChecksArea.tsx';
import { CodeEditor } from './CodeEditor.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { Dialogs } from './Dialogs.tsx';
import { HealReview } from './HealReview.tsx';
import { LookAheadPanel } from './LookAheadPanel.tsx';
import { HealSettings } from './HealSettings.tsx';
import { HealTimeline } from './HealTimeline.tsx';
import { NoticeBars } from './NoticeBars.tsx';
import { PackagesPanel } from './PackagesPanel.tsx';
import { PausePanel } from './PausePanel.tsx';
import { StatusBar } from './StatusBar.tsx';
import { TestCasePanel } from './TestCasePanel.tsx';
import { Toolbar } from './Toolbar.tsx';

export function Playground(props: ReplProps) {
  const repl = createRepl(props);
  return (
    <ReplProvider repl={repl}>
      <div class="playground">
        <Toolbar
          isMac={repl.isMac}
          enabled={repl.enabled}
          onCommand={repl.execute}
          onExample={repl.workspace.loadExample}
          theme={repl.workspace.settings().theme}
        />
        <NoticeBars />
        <main class="panes">
          <EditorPane />
          <section class="side-pane">
            <HealPane />
            <RunPanes />
            <HealArea />
            <ChecksArea />
          </section>
        </main>
        <StatusBar
          state={repl.runtime.state()}
          info={repl.runtime.info()}
          progress={repl.progress()}
          runStartedAt={repl.console.startedAt()}
          packages={{ progress: repl.packages.progress(), stage: repl.packages.stage() }}
        />
        <Dialogs />
      </div>
    </ReplProvider>
  );
}

/** The program, its markers (syntax, security, DNN) and the paused or failed statement. */
function EditorPane() {
  const { workspace, runtime, checks, console, editor, execute, isMac } = useRepl();
  const markers = () => [...runtime.syntaxMarkers(), ...securityMarkers(checks.security()?.findings ?? []), ...dnnMarkers(checks.dnn()?.findings ?? [])];
  const { heal } = useRepl();
  const highlight = () => {
    const s = runtime.state();
    // A line of an older version of the code would point at the wrong place.
    if (heal.runCode() !== workspace.code()) return null;
    if (s.pause) return { line: s.pause.line, endLine: s.pause.endLine, kind: 'paused' as const };
    const error = console.error();
    const line = error?.traceback.at(-1)?.line ?? error?.line;
    return error && line !== undefined && error.type !== 'SyntaxError' ? { line, endLine: line, kind: 'failed' as const } : null;
  };
  return (
    <section class="editor-pane" aria-label="Program">
      <CodeEditor
        value={workspace.code()}
        onChange={workspace.setCode}
        theme={workspace.theme()}
        markers={markers()}
        highlight={highlight()}
        ref={editor.set}
        onRun={() => execute('run')}
        id="code"
        ariaLabel="Python program"
      />
      <p class="hint">
        {getCommand('run').title}: {isMac ? '⌘↵' : 'Ctrl+Enter'} · Esc leaves the editor · {isMac ? '⇧⌘P' : 'Ctrl+Shift+P'} all commands
      </p>
    </section>
  );
}

/** Paused on an unhandled error: the state, the decision, and the heal review. */
function HealPane() {
  const { runtime, heal, packages } = useRepl();
  const reportOnly = () => runtime.state().blocking === 'report-only';
  return (
    <>
      <Show when={heal.editedWhileActive()}>
        <div class="edited-banner" role="status" data-testid="edited-banner">
          <span>You edited the code: the program {runtime.state().phase === 'paused' ? 'paused here' : 'running now'} is the previous version.</span>
          <button class="small primary" data-testid="restart-edited" onClick={() => void heal.restartEdited()}>
            Stop and run the edited code
          </button>
        </div>
      </Show>
      <Show when={runtime.state().pause}>
        {(pause) => {
          // An import that cannot succeed here: said plainly, and no heal is proposed for it.
          const module = () => missingModuleFromError(pause().error.type, pause().error.message);
          const held = () => packages.holdsPause(pause());
          const skipWarning = () => (module() && (pause().kind === 'Import' || pause().kind === 'ImportFrom') ? skipImportWarning(module()!) : undefined);
          return (
            <PausePanel
              context={pause()}
              reportOnly={reportOnly()}
              answer={heal.answer}
              unavailable={packages.explain(pause().error)}
              skipWarning={skipWarning()}
            >
              <Show when={heal.healing() && !reportOnly() && !held()}>
                <HealReview
                  context={pause()}
                  proposal={heal.proposal()}
                  busy={heal.busy()}
                  engineLabel={heal.engineLabel()}
                  onAccept={heal.accept}
                  onReject={heal.reject}
                  onRetry={heal.retry}
                  onRunEdited={(code) => void heal.runEdited(code)}
                />
                <Show when={!heal.replaying()}>
                  <LookAheadPanel
                    view={heal.lookAhead()}
                    busy={heal.busy() !== null}
                    onLookAhead={() => heal.lookAheadNow()}
                    onChoose={(index) => heal.chooseCandidate(index)}
                  />
                </Show>
              </Show>
            </PausePanel>
          );
        }}
      </Show>
    </>
  );
}

/** The console (with input()) and the test case. */
function RunPanes() {
  const { runtime, console, heal, workspace, execute } = useRepl();
  const state = runtime.state;
  // Results of a run of another version of the code: dimmed, "from the previous run".
  const stale = () => !isActive(state()) && heal.runCode() !== undefined && heal.runCode() !== workspace.code();
  return (
    <>
      <ConsolePanel
        buffer={console.output()}
        error={console.error()}
        prompt={state().phase === 'awaiting-input' ? (state().prompt ?? '') : null}
        onInput={heal.input}
        onClear={() => execute('clear-output')}
        stale={stale() && console.output().entries.length > 0}
      />
      <TestCasePanel
        stdin={workspace.stdin()}
        expectedOutput={workspace.expected()}
        onStdin={workspace.setStdin}
        onExpectedOutput={workspace.setExpected}
        timeLimitMs={workspace.settings().timeLimitMs}
        onTimeLimitMs={(ms) => workspace.updateSettings({ timeLimitMs: ms })}
        rule={workspace.settings().outputCompare}
        onRule={(rule) => workspace.updateSettings({ outputCompare: rule })}
        result={isActive(state()) ? undefined : state().lastResult}
        stale={stale()}
      />
    </>
  );
}

/** Heal settings (engine, replay of a link's heals) and the timeline of decisions. */
function HealArea() {
  const { heal, workspace, models, dialogs, repair, packages } = useRepl();
  return (
    <>
      <HealSettings
        settings={workspace.settings()}
        replaying={heal.replaying()}
        recordedHeals={heal.recorded()?.entries.length ?? 0}
        onReplay={heal.startReplay}
        onStopReplay={heal.stopReplay}
        onOpenModelManager={dialogs.openModelManager}
        onChange={(patch) => {
          workspace.updateSettings(patch);
          if (patch.healEngine === 'webllm' && !models.engine()) dialogs.openModelManager();
        }}
      />
      <PackagesPanel packages={packages} settings={workspace.settings()} onChange={workspace.updateSettings} />
      <HealTimeline
        entries={heal.trace()}
        canMakePermanent={repair.canMakePermanent}
        onMakePermanent={repair.makePermanent}
        onExport={dialogs.openExport}
        stale={heal.runCode() !== undefined && heal.runCode() !== workspace.code() && !heal.recorded()}
        runs={heal.history().length}
      />
    </>
  );
}
