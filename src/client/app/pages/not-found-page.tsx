import { NotFoundState } from '../../ui/not-found-state';

/** Any URL the route table does not know. */
export function NotFoundPage() {
  return (
    <main id="main" tabIndex={-1} className="page">
      <NotFoundState heading="Page not found" message="There is no page at this address." back={{ to: '/', label: 'Go to the projects' }} />
    </main>
  );
}
