/** A labelled input: the label is tied to the input by a generated id (so screen readers and getByLabel find it). */
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export function Field({
  label,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { label: ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} />
    </div>
  );
}
