/**
 * The route table: everything a page shows is in its URL, so deep links and the back button work.
 * Project pages share `ProjectLayout` (sidebar + workspace); the pending-deletion list
 * (`artifacts/pending`) and `storage` will be added as its children.
 */
import { Navigate, type RouteObject } from 'react-router';
import { ProjectLayout } from './layouts/project-layout';
import { RootLayout } from './layouts/root-layout';
import { CollectionPage } from './pages/collection-page';
import { NotFoundPage } from './pages/not-found-page';
import { ProjectOverviewPage } from './pages/project-overview-page';
import { ProjectsPage } from './pages/projects-page';
import { RouteErrorPage } from './pages/route-error-page';
import { VersionPage } from './pages/version-page';

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: RootLayout,
    ErrorBoundary: RouteErrorPage,
    children: [
      { index: true, Component: ProjectsPage },
      {
        path: ':entity/:project',
        Component: ProjectLayout,
        children: [
          { index: true, element: <Navigate to="artifacts" replace /> },
          { path: 'artifacts', Component: ProjectOverviewPage },
          { path: 'artifacts/:type/:collection', Component: CollectionPage },
          { path: 'artifacts/:type/:collection/:version', Component: VersionPage },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
];
