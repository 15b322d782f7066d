// Page side of the sandboxed executor: each spawn() makes a fresh sandbox frame (opaque
// origin, frame-bootstrap.ts) with a fresh Python in it, and returns a WorkerHandle whose
// endpoint is a MessagePort to that worker. terminate() removes the frame, which ends its
// worker at once: that is also how the time limit stops runaway handling code.
import { FRAME_MESSAGE, START_MESSAGE, frameDocument } from './frame-bootstrap.ts';
import type { WorkerHandle } from './client.ts';
import type { SandboxAssets } from './sandbox-files.ts';

export interface SandboxHostOptions {
  /** The worker source and runtime files, loaded once and shared by every frame. */
  assets: () => Promise<SandboxAssets>;
  /** Where the frames live (default document.body). */
  container?: () => HTMLElement;
}

export function createSandboxSpawner(options: SandboxHostOptions): () => WorkerHandle {
  return () => {
    const channel = new MessageChannel();
    const frame = document.createElement('iframe');
    // allow-scripts only: no allow-same-origin, so the frame's origin is opaque.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.setAttribute('tabindex', '-1');
    frame.title = 'Isolated Python for handling code';
    frame.className = 'executor-sandbox';
    frame.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    frame.srcdoc = frameDocument();
    const exitListeners: ((reason: string) => void)[] = [];
    let gone = false;
    const exit = (reason: string) => {
      if (gone) return;
      gone = true;
      for (const listener of exitListeners) listener(reason);
    };
    const onMessage = (event: MessageEvent) => {
      // Only our frame, only the two messages it may send; anything else is ignored.
      if (event.source !== frame.contentWindow) return;
      const data = event.data as { type?: unknown; event?: unknown; reason?: unknown } | null;
      if (!data || data.type !== FRAME_MESSAGE) return;
      if (data.event === 'ready') {
        options.assets().then(
          (assets) => frame.contentWindow?.postMessage({ type: START_MESSAGE, source: assets.source, files: assets.files, port: channel.port2 }, '*', [channel.port2]),
          (error: unknown) => exit(`the executor's files could not be loaded: ${String(error)}`),
        );
      } else if (data.event === 'exit') {
        exit(typeof data.reason === 'string' ? data.reason.slice(0, 500) : 'the executor worker stopped');
      }
    };
    window.addEventListener('message', onMessage);
    (options.container?.() ?? document.body).append(frame);
    const terminate = () => {
      window.removeEventListener('message', onMessage);
      channel.port1.close();
      frame.remove();
      gone = true;
    };
    return {
      endpoint: channel.port1,
      terminate,
      onExit: (listener) => { exitListeners.push(listener); },
    };
  };
}
