// The first-visit explanation (state/intro.ts): shown until dismissed, remembered.
import { createSignal } from 'solid-js';
import type { StorageLike } from '../state/autosave.ts';
import { dismissIntro, introDismissed } from '../state/intro.ts';

export function createIntro(storage: StorageLike | undefined) {
  const [shown, setShown] = createSignal(!introDismissed(storage));
  return {
    shown,
    dismiss(): void {
      dismissIntro(storage);
      setShown(false);
    },
  };
}
