import { ProjectList } from '../../features/projects/components/project-list';

/** `/`: every project, each a link to its artifacts. */
export function ProjectsPage() {
  return (
    <main id="main" tabIndex={-1} className="page">
      <title>Projects · Attic</title>
      <h1 className="page-title">Projects</h1>
      <ProjectList />
    </main>
  );
}
