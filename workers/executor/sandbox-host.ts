// Page side of the sandboxed executor. One sandbox frame (opaque origin, frame-bootstrap.ts)
// is made on first use and kept; each spawn() asks it for a fresh worker — a fresh Python,
// used for one request — and returns a WorkerHandle whose endpoint is a MessagePort to that
// worker. terminate() has the frame end the worker (also how the time limit stops runaway
// handling code). The runtime files travel to the frame once; the frame compiles the
// WebAssembly module once and hands it to each worker, so a spare starts quickly and the
// page's main thread copies no large buffers per request. Package files (addPackages) travel
// the same way: once to the frame, which copies them into each worker it starts.
import { FRAME_MESSAGE, PACKAGES_MESSAGE, SPAWN_MESSAGE, START_MESSAGE, TERMINATE_MESSAGE, frameDocument } from './frame-bootstrap.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import type { SandboxAssets, SandboxPackageFile } from './sandbox-files.ts';

export interface SandboxHostOptions {
  /** The worker source and runtime files, loaded once. */
  assets: () => Promise<SandboxAssets>;
  /** Where the frame lives (default document.body). */
  container?: () => HTMLElement;
}

interface Frame {
  element: HTMLIFrameElement;
  /** Posts to the frame once it has its files (messages wait until then). */
  post(message: unknown, transfer?: Transferable[]): void;
  exits: Map<number, (reason: string) => void>;
}

export interface SandboxSpawner {
  (): WorkerHandle;
  /** Package files for every worker started from now on (the frame keeps them; workers get copies). */
  addPackages(files: SandboxPackageFile[]): void;
}

export function createSandboxSpawner(options: SandboxHostOptions): SandboxSpawner {
  let frame: Frame | undefined;
  let nextId = 1;

  function makeFrame(): Frame {
    const element = document.createElement('iframe');
    // allow-scripts only: no allow-same-origin, so the frame's origin is opaque.
    element.setAttribute('sandbox', 'allow-scripts');
    element.setAttribute('aria-hidden', 'true');
    element.setAttribute('tabindex', '-1');
    element.title = 'Isolated Python for handling code';
    element.className = 'executor-sandbox';
    element.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    element.srcdoc = frameDocument();
    const queued: [unknown, Transferable[]][] = [];
    let ready = false;
    const made: Frame = {
      element,
      exits: new Map(),
      post(message, transfer = []) {
        if (ready) element.contentWindow?.postMessage(message, '*', transfer);
        else queued.push([message, transfer]);
      },
    };
    const failAll = (reason: string) => {
      for (const exit of made.exits.values()) exit(reason);
      made.exits.clear();
    };
    window.addEventListener('message', (event: MessageEvent) => {
      // Only our frame, only the messages it may send; anything else is ignored.
      if (event.source !== element.contentWindow) return;
      const data = event.data as { type?: unknown; event?: unknown; id?: unknown; reason?: unknown } | null;
      if (!data || data.type !== FRAME_MESSAGE) return;
      if (data.event === 'ready' && !ready) {
        options.assets().then(
          (assets) => {
            // The start message first, then what waited for it (postMessage keeps the order).
            element.contentWindow?.postMessage({ type: START_MESSAGE, source: assets.source, files: assets.files }, '*');
            ready = true;
            for (const [message, transfer] of queued.splice(0)) element.contentWindow?.postMessage(message, '*', transfer);
          },
          (error: unknown) => failAll(`the executor's files could not be loaded: ${String(error)}`),
        );
      } else if (data.event === 'exit' && typeof data.id === 'number') {
        made.exits.get(data.id)?.(typeof data.reason === 'string' ? data.reason.slice(0, 500) : 'the executor worker stopped');
        made.exits.delete(data.id);
      }
    });
    (options.container?.() ?? document.body).append(element);
    return made;
  }

  const spawn = (): WorkerHandle => {
    frame ??= makeFrame();
    const host = frame;
    const id = nextId++;
    const channel = new MessageChannel();
    const listeners: ((reason: string) => void)[] = [];
    host.exits.set(id, (reason) => {
      for (const listener of listeners) listener(reason);
    });
    host.post({ type: SPAWN_MESSAGE, id, port: channel.port2 }, [channel.port2]);
    return {
      endpoint: channel.port1,
      terminate: () => {
        host.exits.delete(id);
        host.post({ type: TERMINATE_MESSAGE, id });
        channel.port1.close();
      },
      onExit: (listener) => {
        listeners.push(listener);
      },
    };
  };
  return Object.assign(spawn, {
    addPackages(files: SandboxPackageFile[]): void {
      frame ??= makeFrame();
      // A copy per frame (postMessage clones): the page keeps its bytes for the runner.
      frame.post({ type: PACKAGES_MESSAGE, files: files.map((f) => ({ fileName: f.fileName, bytes: f.bytes })) });
    },
  });
}
