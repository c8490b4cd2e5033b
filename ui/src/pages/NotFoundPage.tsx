import { Link, useLocation } from 'react-router-dom';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        Page not found
      </h1>
      <p>
        There is no page at <code>{pathname}</code>. The link may be old, or the address mistyped.
      </p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  );
}
