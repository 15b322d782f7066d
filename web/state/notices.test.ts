import { describe, expect, it } from 'vitest';
import { addNotice, afterAction, type Notice, type NoticeAction } from './notices.ts';

let ids = 0;
const action = (label: string, extra: Partial<NoticeAction> = {}): NoticeAction => ({ label, run: () => {}, ...extra });
const notice = (text: string, actions: NoticeAction[] = [], key?: string): Notice => ({ id: ++ids, kind: 'info', text, actions, key });

describe('addNotice', () => {
  it('a plain message replaces an earlier plain one with the same text', () => {
    const list = addNotice(addNotice([], notice('Link copied.')), notice('Link copied.'));
    expect(list).toHaveLength(1);
  });

  it('never drops or merges a notice that carries an action', () => {
    const first = notice('Opened a shared program.', [action('Restore my previous code')]);
    const second = notice('Opened a shared program.', [action('Restore my previous code')]);
    let list = addNotice(addNotice([], first), second);
    expect(list.map((n) => n.id)).toEqual([first.id, second.id]);
    list = addNotice(list, notice('Opened a shared program.')); // a plain one with the same text
    expect(list.map((n) => n.id)).toContain(first.id);
    expect(list.map((n) => n.id)).toContain(second.id);
    const undo1 = notice('Editor reset to the example.', [action('Undo')]);
    const undo2 = notice('Editor reset to the example.', [action('Undo')]);
    expect(addNotice(addNotice([], undo1), undo2)).toHaveLength(2);
  });

  it('a keyed notice replaces the earlier one with that key only', () => {
    const a = notice('Changed in another tab (1).', [action('Load')], 'tab-conflict');
    const other = notice('Changed in another tab (1).', [action('Load')]);
    const b = notice('Changed in another tab (2).', [action('Load')], 'tab-conflict');
    expect(addNotice(addNotice(addNotice([], a), other), b).map((n) => n.id)).toEqual([other.id, b.id]);
  });
});

describe('afterAction', () => {
  it('removes the action that ran; the notice closes when none is left', () => {
    const use = action("Use the link's settings");
    const restore = action('Restore my previous code');
    const n = notice('Opened a shared program.', [use, restore]);
    let list = afterAction([n], n.id, use);
    expect(list[0]!.actions).toEqual([restore]);
    list = afterAction(list, n.id, restore);
    expect(list).toEqual([]);
  });

  it('an action that closes the notice closes it with the other actions', () => {
    const restore = action('Restore my previous code', { closesNotice: true });
    const n = notice('Opened a shared program.', [action("Use the link's settings"), restore]);
    const keep = notice('unrelated', [action('Undo')]);
    expect(afterAction([n, keep], n.id, restore)).toEqual([keep]);
  });
});
