// Takes the network away from the executor's worker once its Python is loaded:
// handling code that gets past the Python-level guard (sandbox.py) to the
// JavaScript global scope still finds no way to send or fetch anything. The
// worker has no DOM by construction; storage APIs go too (nothing to read).

/** Globals of a worker scope that reach the network or persistent storage. */
export const NETWORK_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Request',
  'RTCPeerConnection',
] as const;

function refused(name: string): () => never {
  return () => {
    throw new Error(`${name} is not available to handling code: the executor is isolated from the network`);
  };
}

/**
 * Replaces each present network global with a function that throws, non-configurable
 * so it cannot be put back; also navigator.sendBeacon. Returns the names replaced.
 */
export function lockDownNetwork(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): string[] {
  const replaced: string[] = [];
  for (const name of NETWORK_GLOBALS) {
    if (!(name in scope)) continue;
    try {
      Object.defineProperty(scope, name, { value: refused(name), writable: false, configurable: false, enumerable: false });
      replaced.push(name);
    } catch {
      // A non-configurable global we cannot replace: leave it (logged by the caller's count).
    }
  }
  const navigator = scope.navigator as Record<string, unknown> | undefined;
  if (navigator && typeof navigator.sendBeacon === 'function') {
    try {
      Object.defineProperty(navigator, 'sendBeacon', { value: refused('navigator.sendBeacon'), writable: false, configurable: false });
      replaced.push('navigator.sendBeacon');
    } catch {
      // read-only navigator: nothing to do
    }
  }
  return replaced;
}
