// The one patch review: security patches, DNN element infill and permanent repairs all show
// their whole-program candidates here, and Accept goes through one guard: the program must
// still be the one the candidates were made from ("the code changed meanwhile").
// One review at a time; each task talks to its own session, so a closed (or replaced)
// review never receives a late update.
import { createSignal, type Accessor } from 'solid-js';
import type { Notify } from './notices.ts';
import { STOP_FIRST } from '../state/run-state.ts';

export interface PatchBadge {
  label: string;
  tone: 'ok' | 'bad' | 'neutral';
  title?: string;
}

export interface PatchCandidateView {
  id: string;
  title: string;
  badges: PatchBadge[];
  /** The whole patched program; absent when the candidate produced no usable program. */
  source?: string;
  /** Why it was refused, the strategy text, remaining findings… */
  detail?: string;
  /** Whether Accept is offered for it (e.g. clean and the test passes). */
  acceptable: boolean;
}

export interface PatchSessionView {
  title: string;
  /** The program the candidates were made from. */
  original: string;
  candidates: PatchCandidateView[];
  /** Progress line while the engine works; null when done. */
  busy: string | null;
  /** What happened, step by step. */
  log: string[];
  /** Stops the engine (Cancel, or the review closes). */
  cancel(): void;
  /** What Accept says; defaults to the patch wording. */
  texts?: { changed: string; applied: string };
}

const PATCH_TEXTS = {
  changed: 'The program changed while the candidates were made; review again before applying.',
  applied: 'Patch applied to the editor (Ctrl+Z in the editor undoes it).',
};

/** One task's handle on the review: shows and updates it only while it is that task's. */
export interface PatchReviewSession {
  /** Shows (or replaces) this session's view; ignored once the session ended. */
  show(view: PatchSessionView): void;
  /** Changes this session's view if it is the one shown. */
  update(change: (view: PatchSessionView) => PatchSessionView): void;
  /** Closes the review if it is this session's, and ends the session. */
  close(): void;
}

export interface PatchReview {
  view: Accessor<PatchSessionView | undefined>;
  /** Why a patch review cannot start now (a program runs, a review is open), or null. */
  blocked(): string | null;
  start(): PatchReviewSession;
  /** Applies a candidate to the editor (one undoable edit) if the program is still the original. */
  accept(source: string): void;
  /** The engine stops; the review stays. */
  cancel(): void;
  /** The engine stops and the review closes. */
  close(): void;
}

export interface PatchReviewDeps {
  code: Accessor<string>;
  setCode(code: string): void;
  notify: Notify;
  busy(): boolean;
}

export function createPatchReview(deps: PatchReviewDeps): PatchReview {
  const [view, setView] = createSignal<PatchSessionView>();
  let owner: { ended: boolean } | undefined;

  function end(): void {
    if (owner) owner.ended = true;
    owner = undefined;
    setView(undefined);
  }

  return {
    view,
    blocked: () => (deps.busy() ? STOP_FIRST : view() ? 'A patch review is open.' : null),
    start() {
      const me = { ended: false };
      return {
        show(next) {
          if (me.ended) return;
          owner = me;
          setView(next);
        },
        update(change) {
          const current = view();
          if (owner === me && current) setView(change(current));
        },
        close() {
          if (owner === me) end();
          me.ended = true;
        },
      };
    },
    accept(source) {
      const current = view();
      if (!current) return;
      const texts = current.texts ?? PATCH_TEXTS;
      if (deps.code() !== current.original) {
        deps.notify('warning', texts.changed);
        return;
      }
      deps.setCode(source);
      end();
      deps.notify('info', texts.applied);
    },
    cancel: () => view()?.cancel(),
    close() {
      view()?.cancel();
      end();
    },
  };
}
