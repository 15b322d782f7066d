// "Update available" banner: shown when a new service worker (a new build) is
// installed and waiting; Reload switches to it.
import { Show, createSignal } from 'solid-js';
import './UpdateBanner.css';

const [apply, setApply] = createSignal<(() => void) | null>(null);

/** Called by the service worker registration (web/offline/register.ts). */
export function offerUpdate(applyUpdate: () => void): void {
  setApply(() => applyUpdate);
}

export function UpdateBanner() {
  return (
    <Show when={apply()}>
      {(run) => (
        <div class="update-banner notice-bar" role="status" data-testid="update-banner">
          <span>A new version of the playground is available. Your work is autosaved.</span>
          <button type="button" onClick={() => run()()}>
            Reload
          </button>
          <button type="button" onClick={() => setApply(null)}>
            Later
          </button>
        </div>
      )}
    </Show>
  );
}
