// Runs the security and Keras-lite checks in the analysis worker as the user edits
// (debounced; the newest text wins, stale answers are dropped) and exposes the results
// as signals for the panels and the editor markers. Their actions: app/security.ts, app/dnn.ts.
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { AnalysisClient } from '../../workers/analysis/client.ts';
import type { DnnAnalysis } from '../../workers/protocol/dnn.ts';
import type { SecurityCheckOptions, SecurityCheckResult } from '../../workers/protocol/security.ts';
import { errorText } from '../../workers/shared/async.ts';
import type { Settings } from '../state/settings.ts';
import type { CheckStatus } from '../state/checks/status.ts';
import type { ModelEngine } from '../../workers/shared/engine.ts';
import type { BugReportInput } from '../state/export/records.ts';
import type { ExecutorLike } from '../state/heal/session.ts';
import type { Notify } from './notices.ts';

export type { CheckStatus };

export const CHECK_DELAY_MS = 600;

export interface StaticChecks {
  security: Accessor<SecurityCheckResult | undefined>;
  dnn: Accessor<DnnAnalysis | undefined>;
  securityStatus: Accessor<CheckStatus>;
  dnnStatus: Accessor<CheckStatus>;
  /** The source text the current results belong to. */
  checkedSource: Accessor<string | undefined>;
  /** Check now, without waiting for the debounce. */
  refresh(): void;
}

/** What the checks' actions (patch, bug report, infill) need from the page. */
export interface ChecksDeps {
  code: Accessor<string>;
  stdin: Accessor<string>;
  expected: Accessor<string>;
  settings: Accessor<Settings>;
  executor: ExecutorLike;
  analysis: AnalysisClient;
  notify: Notify;
  /** The model engine chosen in the settings, or null for the built-in rules engines. */
  engine(): ModelEngine | null;
  /** True while a program runs or is paused (the editor must not change under it). */
  busy(): boolean;
  /** Keeps a bug report and the diff that fixes it for the dataset export. */
  recordBugReport?(input: BugReportInput): void;
}

export function securityOptions(settings: Settings): SecurityCheckOptions {
  return { filename: 'main.py', minSeverity: settings.securityMinSeverity, minConfidence: settings.securityMinConfidence };
}

export function createStaticChecks(
  analysis: AnalysisClient,
  inputs: { code: Accessor<string>; settings: Accessor<Settings>; ready: Accessor<boolean> },
  delayMs = CHECK_DELAY_MS,
): StaticChecks {
  const [security, setSecurity] = createSignal<SecurityCheckResult>();
  const [dnn, setDnn] = createSignal<DnnAnalysis>();
  const [securityStatus, setSecurityStatus] = createSignal<CheckStatus>({ state: 'waiting' });
  const [dnnStatus, setDnnStatus] = createSignal<CheckStatus>({ state: 'waiting' });
  const [checkedSource, setCheckedSource] = createSignal<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function checkNow(): Promise<void> {
    const mine = ++generation;
    const source = inputs.code();
    const settings = inputs.settings();
    const current = () => mine === generation;
    const tasks: Promise<void>[] = [];
    if (settings.securityCheck) {
      setSecurityStatus((s) => ({ ...s, state: 'checking' }));
      tasks.push(
        analysis.call('securityCheck', source, securityOptions(settings)).then(
          (result) => {
            if (current()) {
              setSecurity(result);
              setSecurityStatus({ state: 'done', ms: result.ms });
            }
          },
          (error: unknown) => {
            if (current()) setSecurityStatus({ state: 'error', message: `The security check failed: ${errorText(error)}` });
          },
        ),
      );
    } else {
      setSecurity(undefined);
      setSecurityStatus({ state: 'off' });
    }
    if (settings.dnnCheck) {
      setDnnStatus((s) => ({ ...s, state: 'checking' }));
      tasks.push(
        analysis.call('dnnAnalyze', source).then(
          (result) => {
            if (current()) {
              setDnn(result);
              setDnnStatus({ state: 'done', ms: result.ms });
            }
          },
          (error: unknown) => {
            if (current()) setDnnStatus({ state: 'error', message: `The DNN check failed: ${errorText(error)}` });
          },
        ),
      );
    } else {
      setDnn(undefined);
      setDnnStatus({ state: 'off' });
    }
    await Promise.all(tasks);
    if (current()) setCheckedSource(source);
  }

  function schedule(): void {
    clearTimeout(timer);
    if (!inputs.ready()) return;
    timer = setTimeout(() => void checkNow(), delayMs);
  }

  createEffect(
    on(
      () => [
        inputs.code(),
        inputs.ready(),
        inputs.settings().securityCheck,
        inputs.settings().dnnCheck,
        inputs.settings().securityMinSeverity,
        inputs.settings().securityMinConfidence,
      ],
      schedule,
    ),
  );
  onCleanup(() => clearTimeout(timer));

  return {
    security,
    dnn,
    securityStatus,
    dnnStatus,
    checkedSource,
    refresh: () => {
      clearTimeout(timer);
      void checkNow();
    },
  };
}
