// The static checks, one tab each: Security (Bandit-compatible) and DNN (Keras-lite).
import { createSignal, type JSX, Show } from 'solid-js';
import type { CheckStatus } from '../state/checks/status.ts';

export type ChecksTab = 'security' | 'dnn';

function statusText(status: CheckStatus): string {
  if (status.state === 'checking') return 'checking…';
  if (status.state === 'off') return 'off';
  if (status.state === 'error') return 'failed';
  return '';
}

export function ChecksPanel(props: {
  securityCount?: number;
  dnnCount?: number;
  securityStatus: CheckStatus;
  dnnStatus: CheckStatus;
  security: JSX.Element;
  dnn: JSX.Element;
  tab?: ChecksTab;
  onTab?(tab: ChecksTab): void;
}) {
  const [localTab, setLocalTab] = createSignal<ChecksTab>('security');
  const tab = () => props.tab ?? localTab();
  const choose = (t: ChecksTab) => {
    setLocalTab(t);
    props.onTab?.(t);
  };
  const tabButton = (t: ChecksTab, label: string, count: number | undefined, status: CheckStatus) => (
    <button
      role="tab"
      class="tab"
      id={`checks-tab-${t}`}
      aria-selected={tab() === t}
      aria-controls={`checks-panel-${t}`}
      data-testid={`checks-tab-${t}`}
      onClick={() => choose(t)}
    >
      {label}
      <span class="count">{statusText(status) || (count === undefined ? '' : String(count))}</span>
    </button>
  );
  return (
    <section class="checks-panel" aria-label="Checks">
      <div class="tabs" role="tablist">
        {tabButton('security', 'Security', props.securityCount, props.securityStatus)}
        {tabButton('dnn', 'DNN', props.dnnCount, props.dnnStatus)}
      </div>
      <div role="tabpanel" id={`checks-panel-${tab()}`} aria-labelledby={`checks-tab-${tab()}`}>
        <Show when={tab() === 'security'} fallback={props.dnn}>
          {props.security}
        </Show>
      </div>
    </section>
  );
}
