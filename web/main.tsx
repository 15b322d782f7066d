import './styles.css';
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { UpdateBanner, offerUpdate } from './components/UpdateBanner.tsx';
import { registerOffline } from './offline/register.ts';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');
render(() => (
  <>
    <App />
    <UpdateBanner />
  </>
), root);

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
