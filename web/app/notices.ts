// The notice bars above the editor: which notices are shown, and the one way to add one.
// What replaces what is pure logic (state/notices.ts); this store adds ids and fading.
import { createSignal, type Accessor } from 'solid-js';
import { addNotice, afterAction, type Notice, type NoticeAction, type NoticeKind } from '../state/notices.ts';

/** Info notices without an action fade after this long unless they must stay. */
export const NOTICE_FADE_MS = 6000;

export interface NotifyOptions {
  /** Stays until closed (an info notice otherwise fades). */
  persist?: boolean;
  /** One notice per key: a later notice with the same key replaces this one. */
  key?: string;
  details?: readonly string[];
}

/** Shows a notice; returns its id. */
export type Notify = (kind: NoticeKind, text: string, action?: NoticeAction | readonly NoticeAction[], options?: NotifyOptions) => number;

export interface Notices {
  list: Accessor<Notice[]>;
  notify: Notify;
  dismiss(id: number): void;
  /** Removes the notice with this key, if any. */
  dismissKey(key: string): void;
  find(id: number): Notice | undefined;
  hasKey(key: string): boolean;
  update(id: number, patch: Partial<Pick<Notice, 'text' | 'details' | 'actions'>>): void;
  /** Runs one of a notice's actions; unless it refused (returned false), the action is used up. */
  runAction(id: number, action: NoticeAction): void;
}

export function createNotices(): Notices {
  const [list, setList] = createSignal<Notice[]>([]);
  let ids = 0;
  const dismiss = (id: number) => setList((all) => all.filter((n) => n.id !== id));

  const notify: Notify = (kind, text, action, options = {}) => {
    const id = ++ids;
    const actions = action === undefined ? [] : 'label' in action ? [action] : action;
    setList((all) => addNotice(all, { id, kind, text, actions, details: options.details, key: options.key }));
    if (kind === 'info' && actions.length === 0 && !options.persist) setTimeout(() => dismiss(id), NOTICE_FADE_MS);
    return id;
  };

  return {
    list,
    notify,
    dismiss,
    dismissKey: (key) => setList((all) => all.filter((n) => n.key !== key)),
    find: (id) => list().find((n) => n.id === id),
    hasKey: (key) => list().some((n) => n.key === key),
    update: (id, patch) => setList((all) => all.map((n) => (n.id === id ? { ...n, ...patch } : n))),
    runAction: (id, action) => {
      if (action.run() !== false) setList((all) => afterAction(all, id, action));
    },
  };
}
