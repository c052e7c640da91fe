/**
 * The access token field with "Remember on this device". A token is bound to the hub
 * origin it was saved or typed for; when the form's hub is another origin, the field
 * says so (loading then asks before the token is sent, see ConfirmTokenDialog).
 */
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
  onChange,
}: {
  id: string;
  token: TokenDraft;
  hubUrl: string;
  onChange: (token: TokenDraft) => void;
}) {
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
        aria-describedby={elsewhere ? `${id}-origin` : undefined}
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
      {elsewhere && (
        <p className="help" id={`${id}-origin`} data-testid="token-origin">
          This token is for {hostOf(token.origin!)}. Loading from another hub asks you before it is sent.
        </p>
      )}
    </div>
  );
}
