// The one-line explanation a first visit gets by the Run button: shown until dismissed, and
// remembered (also when storage is off: then only for this page).
import type { StorageLike } from './autosave.ts';

export const INTRO_KEY = 'heal-playground:intro-dismissed:v1';

export const INTRO_TEXT = 'When your program hits an error it pauses there; a fix is proposed, you see what it changes, and the program goes on.';

export function introDismissed(storage: StorageLike | undefined): boolean {
  try {
    return storage?.getItem(INTRO_KEY) === '1';
  } catch {
    return false;
  }
}

export function dismissIntro(storage: StorageLike | undefined): void {
  try {
    storage?.setItem(INTRO_KEY, '1');
  } catch {
    // storage full or disabled: dismissed for this page only
  }
}
