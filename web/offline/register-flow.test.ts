// registerOffline against fake browser objects: the isolation reload and the update offer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RELOAD_FLAG, registerOffline } from './register.ts';

class FakeWorker extends EventTarget {
  state = 'installing';
  messages: unknown[] = [];
  postMessage(message: unknown) {
    this.messages.push(message);
  }
  become(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

function setup({ isolated = false, controlled = false, reloadedBefore = false } = {}) {
  const registration = Object.assign(new EventTarget(), { waiting: null as FakeWorker | null, installing: null as FakeWorker | null });
  const container = Object.assign(new EventTarget(), {
    controller: controlled ? new FakeWorker() : null,
    register: vi.fn(async () => registration),
    getRegistrations: async () => [],
  });
  const store = new Map<string, string>(reloadedBefore ? [[RELOAD_FLAG, '1']] : []);
  const reload = vi.fn();
  vi.stubGlobal('navigator', { serviceWorker: container });
  vi.stubGlobal('location', { search: '', reload });
  vi.stubGlobal('crossOriginIsolated', isolated);
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  });
  return { registration, container, reload, store };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('registerOffline', () => {
  it('registers sw.js at the base URL', async () => {
    const { container } = setup({ isolated: true, controlled: true });
    await registerOffline({ onUpdate: () => {} });
    expect(container.register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
  });

  it('first visit without isolation: reloads once when the worker takes control', async () => {
    const { container, reload, store } = setup();
    await registerOffline({ onUpdate: () => {} });
    expect(reload).not.toHaveBeenCalled();
    container.controller = new FakeWorker();
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
    expect(store.get(RELOAD_FLAG)).toBe('1');
  });

  it('controlled but still not isolated after a reload: no loop', async () => {
    const { reload } = setup({ controlled: true, reloadedBefore: true });
    await registerOffline({ onUpdate: () => {} });
    expect(reload).not.toHaveBeenCalled();
  });

  it('offers an installed update; apply tells the worker to take over, then the page reloads', async () => {
    const { registration, container, reload } = setup({ isolated: true, controlled: true });
    const offers: (() => void)[] = [];
    await registerOffline({ onUpdate: (apply) => offers.push(apply) });
    const next = new FakeWorker();
    registration.installing = next;
    registration.dispatchEvent(new Event('updatefound'));
    next.become('installed');
    expect(offers).toHaveLength(1);
    offers[0]!();
    expect(next.messages).toEqual([{ type: 'SKIP_WAITING' }]);
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('the first install is not an update', async () => {
    const { registration } = setup({ isolated: true });
    const onUpdate = vi.fn();
    await registerOffline({ onUpdate });
    const first = new FakeWorker();
    registration.installing = first;
    registration.dispatchEvent(new Event('updatefound'));
    first.become('installed');
    expect(onUpdate).not.toHaveBeenCalled();
  });

  it('reports when service workers are unavailable', async () => {
    vi.stubGlobal('navigator', {});
    const onUnavailable = vi.fn();
    expect(await registerOffline({ onUpdate: () => {}, onUnavailable })).toBeNull();
    expect(onUnavailable).toHaveBeenCalledWith(expect.stringContaining('not available'));
  });
});
