// The shell every dialog shares: a backdrop, an aria-modal dialog that takes the focus when it
// opens, Escape (and, unless told otherwise, a click on the backdrop) to close, and an optional
// heading with a close button.
import { type JSX, Show } from 'solid-js';

export function Modal(props: {
  /** The dialog's accessible name. */
  label: string;
  /** Its own class, beside "modal". */
  class: string;
  testid: string;
  onClose(): void;
  /** A click on the backdrop closes it (default); false for a question that needs an answer. */
  closeOnBackdrop?: boolean;
  /** A heading with a close button (×); without it the children bring their own. */
  heading?: string;
  children: JSX.Element;
}) {
  return (
    <div
      class="modal-backdrop"
      onClick={(e) => {
        if (props.closeOnBackdrop !== false && e.target === e.currentTarget) props.onClose();
      }}
    >
      <div
        class={`modal ${props.class}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.label}
        tabindex="-1"
        data-testid={props.testid}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
        ref={(el) => queueMicrotask(() => el.focus())}
      >
        <Show when={props.heading}>
          {(heading) => (
            <div class="panel-head">
              <h2>{heading()}</h2>
              <button type="button" class="small close" aria-label="Close" onClick={() => props.onClose()}>
                ×
              </button>
            </div>
          )}
        </Show>
        {props.children}
      </div>
    </div>
  );
}
