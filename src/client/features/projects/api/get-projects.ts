import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, ProjectSummarySchema, type ProjectSummary } from '../../../../domain';
import { fetchAllPages } from '../../../lib/api-client';
import { projectKeys } from './project-keys';

/** Every project, all pages: there are few enough to show them on one page. */
export function getProjects(signal?: AbortSignal): Promise<ProjectSummary[]> {
  return fetchAllPages(apiPaths.projects(), ProjectSummarySchema, {}, signal);
}

export function projectsQueryOptions() {
  return queryOptions({ queryKey: projectKeys.list(), queryFn: ({ signal }) => getProjects(signal) });
}

export function useProjects() {
  return useQuery(projectsQueryOptions());
}
