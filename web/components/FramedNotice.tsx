// Shown instead of the app when another site frames it (web/offline/framing.ts): the
// playground runs programs on one click, so it does not run where a page on top can steer
// the clicks. The link opens it in its own tab.
export function FramedNotice() {
  return (
    <div class="notice-bar" role="alert" data-testid="framed-notice" style={{ margin: '2rem auto', 'max-width': '40rem' }}>
      <span>Heal Playground does not run inside another site's page.</span>
      <a href={location.href} target="_blank" rel="noopener noreferrer">
        Open it in its own tab
      </a>
    </div>
  );
}
