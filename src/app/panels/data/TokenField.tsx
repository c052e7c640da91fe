/**
 * The access token field with "Remember on this device". A token is bound to the hub
 * origin it was saved or typed for; when the form's hub is another origin, the field
 * says so (loading then asks before the token is sent, see ConfirmTokenDialog).
 */
import { useEffect, useRef } from 'react';
import { hostOf, hubOrigin } from '../../token-store';

export interface TokenDraft {
  value: string;
  /** the hub origin this token belongs to (null: typed before any valid hub was entered) */
  origin: string | null;
  remember: boolean;
}

export function TokenField({
  id,
  token,
  hubUrl,
  asked,
  onChange,
}: {
  id: string;
  token: TokenDraft;
  hubUrl: string;
  /** the hub refused the last load without a (valid) token: focus the field and say so */
  asked: boolean;
  onChange: (token: TokenDraft) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (asked) input.current?.focus();
  }, [asked]);
  const target = hubOrigin(hubUrl);
  const elsewhere = token.value !== '' && token.origin !== null && token.origin !== target;
  const owner = elsewhere ? token.origin : target;
  return (
    <div>
      <label htmlFor={id}>Access token (private or gated datasets)</label>
      <input
        id={id}
        type="password"
        value={token.value}
        autoComplete="off"
        placeholder="hf_…"
        ref={input}
        aria-invalid={asked || undefined}
        aria-describedby={
          [asked && `${id}-asked`, elsewhere && `${id}-origin`].filter(Boolean).join(' ') || undefined
        }
        onChange={(e) => onChange({ ...token, value: e.target.value, origin: target })}
      />
      <label className="inline help">
        <input
          type="checkbox"
          checked={token.remember}
          onChange={(e) => onChange({ ...token, remember: e.target.checked })}
        />{' '}
        Remember on this device (for {owner ? hostOf(owner) : 'this hub'} only)
      </label>
      {asked && (
        <p className="help" id={`${id}-asked`} data-testid="token-asked">
          {target ? hostOf(target) : 'The hub'} asks for an access token for this dataset.
        </p>
      )}
      {elsewhere && (
        <p className="help" id={`${id}-origin`} data-testid="token-origin">
          This token is for {hostOf(token.origin!)}. Loading from another hub asks you before it is sent.
        </p>
      )}
    </div>
  );
}
