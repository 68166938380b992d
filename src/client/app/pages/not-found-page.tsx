import { Link } from 'react-router';

/** Any URL the route table does not know. */
export function NotFoundPage() {
  return (
    <main id="main" tabIndex={-1} className="page">
      <title>Page not found · Attic</title>
      <h1 className="page-title">Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to the projects</Link>
      </p>
    </main>
  );
}
