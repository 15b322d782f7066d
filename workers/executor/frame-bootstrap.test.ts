import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FRAME_BOOTSTRAP, FRAME_BOOTSTRAP_SHA256, FRAME_CSP, frameDocument } from './frame-bootstrap.ts';

describe('the sandbox frame bootstrap', () => {
  // The page's policy allows the same hash: web/offline/offline.test.ts.
  it('is allowed by exactly its hash in the frame policy', () => {
    const hash = createHash('sha256').update(FRAME_BOOTSTRAP).digest('base64');
    expect(FRAME_BOOTSTRAP_SHA256).toBe(hash);
    expect(FRAME_CSP).toContain(`'sha256-${hash}'`);
  });

  it('gives the frame no network and nothing but the bootstrap and blob: workers', () => {
    expect(FRAME_CSP).toMatch(/default-src 'none'/);
    expect(FRAME_CSP).toMatch(/connect-src 'none'/);
    expect(FRAME_CSP).toMatch(/worker-src blob:/);
    const doc = frameDocument();
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<script>'));
    expect(doc).toContain(`<script>${FRAME_BOOTSTRAP}</script>`);
  });
});
