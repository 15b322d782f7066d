import './styles.css';
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { FramedNotice } from './components/FramedNotice.tsx';
import { UpdateBanner, offerUpdate } from './components/UpdateBanner.tsx';
import { framedByOtherOrigin } from './offline/framing.ts';
import { registerOffline } from './offline/register.ts';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');
// Inside another site's frame nothing starts: no Python, no Run button to clickjack.
if (framedByOtherOrigin(window)) render(() => <FramedNotice />, root);
else start(root);

function start(root: HTMLElement): void {
  render(
    () => (
      <>
        <App />
        <UpdateBanner />
      </>
    ),
    root,
  );

  // Offline cache + cross-origin isolation shim (production builds only).
  if (import.meta.env.PROD) {
    void registerOffline({
      onUpdate: offerUpdate,
      onUnavailable: (reason) => console.info(`Offline mode unavailable: ${reason}`),
    });
  } else {
    // `vite dev` on an origin where a build once ran: its service worker must not serve old files.
    void navigator.serviceWorker?.getRegistrations().then((all) => all.forEach((r) => void r.unregister()));
  }
}
