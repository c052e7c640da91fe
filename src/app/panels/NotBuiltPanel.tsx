/** Placeholder for a panel that does not exist yet: says so plainly, with no fake content. */
export function NotBuiltPanel({ title, plan }: { title: string; plan: string }) {
  return (
    <section className="panel-body" aria-labelledby="not-built-title">
      <h2 id="not-built-title">{title}</h2>
      <p className="notice" role="status">
        <strong>Not built yet.</strong> {plan}
      </p>
    </section>
  );
}
