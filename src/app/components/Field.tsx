/**
 * A labelled input: the label is tied to the input by a generated id (so screen readers and
 * getByLabel find it). An optional `hint` shows as a short line under the input, is the
 * input's accessible description, and (unless a `title` is given) its tooltip. An `error`
 * (a request check that named this field) shows beside the input and marks it invalid.
 */
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export function Field({
  label,
  hint,
  error,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: ReactNode;
  hint?: string;
  error?: string | null;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        title={hint}
        aria-describedby={described || undefined}
        aria-invalid={error ? true : undefined}
        {...input}
      />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
