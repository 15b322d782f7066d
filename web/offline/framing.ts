// Clickjacking guard for hosts where frame-ancestors cannot reach the page. The CSP's
// frame-ancestors 'self' comes as a header (vite preview, or the service worker on static
// hosts); a <meta> cannot carry it. The service worker does not serve a frame on another
// site: Chromium partitions storage by top-level site, so there the frame is a fresh
// visit from the network, without the header. The page itself then refuses to run inside
// a frame that any other origin contains (sandboxed frames included: their origin is opaque).

/** The parts of a window the check reads. */
export interface FrameWindow {
  readonly location: { readonly origin: string };
  readonly parent: FrameWindow;
}

/** True when an ancestor frame is of another origin (reading its origin throws, or differs). */
export function framedByOtherOrigin(win: FrameWindow): boolean {
  const origin = win.location.origin;
  for (let frame = win; frame.parent !== frame; ) {
    frame = frame.parent;
    try {
      if (frame.location.origin !== origin) return true;
    } catch {
      return true; // cross-origin: access denied
    }
  }
  return false;
}
