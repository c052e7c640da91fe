/** A metrics.json section the model does not have, with the reason its metrics.json gives. */
export function Unavailable({ what, reason }: { what: string; reason: string | undefined }) {
  return (
    <p className="help" data-testid="section-unavailable">
      {what}: not available ({reason ?? 'no reason recorded'}).
    </p>
  );
}
