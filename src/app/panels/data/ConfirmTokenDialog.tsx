/**
 * Asks before an access token goes to a hub other than the one it was saved for. A modal
 * <dialog>: focus moves into it (on Cancel, the safe choice), Esc cancels, and focus
 * returns to where it was when it closes.
 */
import { useEffect, useId, useRef } from 'react';

export function ConfirmTokenDialog({
  host,
  savedFor,
  onSend,
  onWithout,
  onCancel,
}: {
  /** the host the token would be sent to */
  host: string;
  /** the host it was saved or entered for */
  savedFor: string;
  onSend: () => void;
  onWithout: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      before?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="card"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      data-testid="token-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h3 id={`${id}-title`}>Send your access token to {host}?</h3>
      <p id={`${id}-text`}>
        The token is for {savedFor}. Whoever runs {host} could use it to read your private datasets. Send it
        only to a hub you trust; it is kept for this session only, not remembered there.
      </p>
      <div className="row">
        <button type="button" onClick={onSend}>
          Send the token to {host}
        </button>
        <button type="button" onClick={onWithout}>
          Load without the token
        </button>
        <button type="button" className="primary" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
