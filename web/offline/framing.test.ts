import { describe, expect, it } from 'vitest';
import { framedByOtherOrigin, type FrameWindow } from './framing.ts';

/** A window chain, top first; 'denied' stands for a cross-origin frame whose location throws. */
function chain(...origins: string[]): FrameWindow {
  let parent: FrameWindow | undefined;
  let win!: FrameWindow;
  for (const origin of origins) {
    const location =
      origin === 'denied'
        ? {
            get origin(): string {
              throw new DOMException('Blocked a frame', 'SecurityError');
            },
          }
        : { origin };
    const frame: { location: { origin: string }; parent: FrameWindow } = { location, parent: undefined as unknown as FrameWindow };
    frame.parent = parent ?? frame; // the top window is its own parent
    parent = frame;
    win = frame;
  }
  return win;
}

describe('framedByOtherOrigin', () => {
  const app = 'https://heal.example';
  it('a top-level page or a frame inside the same origin is fine', () => {
    expect(framedByOtherOrigin(chain(app))).toBe(false);
    expect(framedByOtherOrigin(chain(app, app, app))).toBe(false);
  });

  it('any ancestor of another origin (readable or not) counts, also in the middle of the chain', () => {
    expect(framedByOtherOrigin(chain('denied', app))).toBe(true);
    expect(framedByOtherOrigin(chain('https://evil.example', app))).toBe(true);
    expect(framedByOtherOrigin(chain(app, 'denied', app))).toBe(true);
    // A sandboxed frame has an opaque origin: its parent (even the app itself) is another origin.
    expect(framedByOtherOrigin(chain(app, 'null'))).toBe(true);
  });
});
