/**
 * The route table: everything a page shows is in its URL, so deep links and the back button work.
 * Project pages share `ProjectLayout` (sidebar + workspace). `artifacts/pending` is one segment
 * after `artifacts`, so it never competes with `artifacts/:type/:collection`; it is listed first
 * anyway, so the table reads in the order a person would check it.
 * Every page but `/login` is behind `RequireSession`, which sends a visitor without a session to
 * `/login?next=<page>`. An entity's own pages sit under the static `/entities/`, which outranks
 * `:entity/:project` (and no project page has a child named `members`, `audit` or `protected-aliases`).
 */
import { Navigate, type RouteObject } from 'react-router';
import { RequireSession } from '../features/auth/components/require-session';
import { EntityLayout } from './layouts/entity-layout';
import { ProjectLayout } from './layouts/project-layout';
import { RootLayout } from './layouts/root-layout';
import { AccountPage } from './pages/account-page';
import { CollectionPage } from './pages/collection-page';
import { AuditPage, MembersPage, ProtectedAliasesPage } from './pages/entity-pages';
import { GcRunPage } from './pages/gc-run-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { PendingDeletionPage } from './pages/pending-deletion-page';
import { ProjectOverviewPage } from './pages/project-overview-page';
import { ProjectsPage } from './pages/projects-page';
import { RouteErrorPage } from './pages/route-error-page';
import { StoragePage } from './pages/storage-page';
import { UsersPage } from './pages/users-page';
import { VersionPage } from './pages/version-page';

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: RootLayout,
    ErrorBoundary: RouteErrorPage,
    children: [
      { path: 'login', Component: LoginPage },
      {
        Component: RequireSession,
        children: [
          { index: true, Component: ProjectsPage },
          { path: 'account', Component: AccountPage },
          { path: 'users', Component: UsersPage },
          {
            path: 'entities/:entity',
            Component: EntityLayout,
            children: [
              { index: true, element: <Navigate to="members" replace /> },
              { path: 'members', Component: MembersPage },
              { path: 'protected-aliases', Component: ProtectedAliasesPage },
              { path: 'audit', Component: AuditPage },
            ],
          },
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
    ],
  },
];
