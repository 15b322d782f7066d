// The one patch review: Accept's "program changed meanwhile" guard, and sessions that cannot
// touch a review that is no longer theirs.
import { describe, expect, it } from 'vitest';
import { createSignal } from 'solid-js';
import { createPatchReview, type PatchSessionView } from './patch-review.ts';

function setup(busy = false) {
  const [code, setCode] = createSignal('x = 1\n');
  const notices: string[] = [];
  const review = createPatchReview({
    code,
    setCode,
    busy: () => busy,
    notify: (_kind, text) => {
      notices.push(text);
      return notices.length;
    },
  });
  let cancelled = 0;
  const view = (patch: Partial<PatchSessionView> = {}): PatchSessionView => ({
    title: 'Patch',
    original: 'x = 1\n',
    candidates: [],
    busy: null,
    log: [],
    cancel: () => {
      cancelled++;
    },
    ...patch,
  });
  return { review, code, setCode, notices, view, cancelled: () => cancelled };
}

describe('patch review', () => {
  it('Accept applies the candidate when the program is still the original, and closes', () => {
    const t = setup();
    t.review.start().show(t.view());
    expect(t.review.blocked()).toBe('A patch review is open.');
    t.review.accept('x = 2\n');
    expect(t.code()).toBe('x = 2\n');
    expect(t.review.view()).toBeUndefined();
    expect(t.notices).toEqual(['Patch applied to the editor (Ctrl+Z in the editor undoes it).']);
  });

  it("Accept refuses when the program changed meanwhile, with the task's own wording", () => {
    const t = setup();
    t.review.start().show(t.view({ texts: { changed: 'changed since the run', applied: 'fixed' } }));
    t.setCode('x = 1\ny = 2\n');
    t.review.accept('x = 2\n');
    expect(t.code()).toBe('x = 1\ny = 2\n');
    expect(t.review.view()).toBeDefined();
    expect(t.notices).toEqual(['changed since the run']);
  });

  it('a closed or replaced session no longer shows or updates anything', () => {
    const t = setup();
    const first = t.review.start();
    first.show(t.view({ title: 'first' }));
    t.review.close();
    expect(t.cancelled()).toBe(1);
    first.update((v) => ({ ...v, busy: 'late' }));
    first.show(t.view({ title: 'first again' }));
    expect(t.review.view()).toBeUndefined();

    const second = t.review.start();
    const third = t.review.start();
    second.show(t.view({ title: 'second' }));
    third.show(t.view({ title: 'third' }));
    second.update((v) => ({ ...v, busy: 'not mine' }));
    second.close();
    expect(t.review.view()).toMatchObject({ title: 'third', busy: null });
  });

  it('is blocked while a program runs', () => {
    expect(setup(true).review.blocked()).toMatch(/^Stop the program first/);
    expect(setup(false).review.blocked()).toBeNull();
  });
});
