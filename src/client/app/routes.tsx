/**
 * The route table: everything a page shows is in its URL, so deep links and the back button work.
 * Project pages share `ProjectLayout` (sidebar + workspace). `artifacts/pending` is one segment
 * after `artifacts`, so it never competes with `artifacts/:type/:collection`; it is listed first
 * anyway, so the table reads in the order a person would check it.
 */
import { Navigate, type RouteObject } from 'react-router';
import { ProjectLayout } from './layouts/project-layout';
import { RootLayout } from './layouts/root-layout';
import { CollectionPage } from './pages/collection-page';
import { GcRunPage } from './pages/gc-run-page';
import { NotFoundPage } from './pages/not-found-page';
import { PendingDeletionPage } from './pages/pending-deletion-page';
import { ProjectOverviewPage } from './pages/project-overview-page';
import { ProjectsPage } from './pages/projects-page';
import { RouteErrorPage } from './pages/route-error-page';
import { StoragePage } from './pages/storage-page';
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
          { path: 'artifacts/pending', Component: PendingDeletionPage },
          { path: 'artifacts/:type/:collection', Component: CollectionPage },
          { path: 'artifacts/:type/:collection/:version', Component: VersionPage },
          { path: 'storage', Component: StoragePage },
          { path: 'storage/runs/:id', Component: GcRunPage },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
];
