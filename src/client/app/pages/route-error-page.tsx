import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** Shown when rendering a page throws: a bug, so say so plainly and offer a way back. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  return (
    <main id="main" tabIndex={-1} className="page">
      <title>Error · Attic</title>
      <h1 className="page-title">Something went wrong</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/">Go to the projects</Link> or reload the page.
      </p>
    </main>
  );
}
