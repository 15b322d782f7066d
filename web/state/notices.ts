// The notice bars above the editor. A notice with an action (Undo, Restore my previous
// code, Use the link's settings) is the only way back to something, so it is never merged
// with another notice or dropped by a later one; only plain messages with the same text
// replace each other (no pile of "Link copied" bars), and a notice that names a `key`
// replaces the earlier one with that key (one notice per ongoing condition, e.g. the
// two-tab conflict).

export type NoticeKind = 'info' | 'warning' | 'error';

export interface NoticeAction {
  label: string;
  /** false: not done (e.g. "stop the program first"); the notice stays as it is. */
  run(): unknown;
  /** Closes the whole notice, other actions included (e.g. going back to the previous code). */
  closesNotice?: boolean;
}

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
  /** Lines listed under the text (e.g. the settings a link suggests). */
  details?: readonly string[];
  actions: readonly NoticeAction[];
  /** One notice per key: a later notice with the same key replaces this one. */
  key?: string;
}

/** The list with `notice` appended, after the notices it replaces are removed. */
export function addNotice(list: readonly Notice[], notice: Notice): Notice[] {
  const replaced = (n: Notice) =>
    (notice.key !== undefined && n.key === notice.key) || (n.key === undefined && n.actions.length === 0 && n.text === notice.text);
  return [...list.filter((n) => !replaced(n)), notice];
}

/**
 * After one of its actions ran: the action is gone (an Undo cannot run twice); the notice
 * closes when no action is left or the action closes it.
 */
export function afterAction(list: readonly Notice[], id: number, action: NoticeAction): Notice[] {
  return list.flatMap((n) => {
    if (n.id !== id) return [n];
    const actions = n.actions.filter((a) => a !== action);
    return actions.length > 0 && !action.closesNotice ? [{ ...n, actions }] : [];
  });
}
