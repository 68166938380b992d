/** Delete, restore, deletion previews, the pending-deletion review, bulk requests and project storage. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, pageQuery, projectRef, readJson } from './route';

/** Every deletion route of a project. */
export function deletionHandlers(db: MockDb): HttpHandler[] {
  const project = '/projects/:entity/:project';
  const collection = `${project}/collections/:collection`;
  const version = `${collection}/versions/:version`;
  return [
    apiRoute('delete', version, ({ params, url }) =>
      json(db.deleteVersion(projectRef(params), params.collection ?? '', params.version ?? '', url.searchParams.get('deleteAliases'))),
    ),
    apiRoute('post', `${version}/restore`, ({ params }) => json(db.restoreVersion(projectRef(params), params.collection ?? '', params.version ?? ''))),
    apiRoute('get', `${version}/deletion-preview`, ({ params }) =>
      json(db.previewVersionDeletion(projectRef(params), params.collection ?? '', params.version ?? '')),
    ),
    apiRoute('delete', collection, ({ params }) => json(db.deleteCollection(projectRef(params), params.collection ?? ''))),
    apiRoute('post', `${collection}/restore`, ({ params }) => json(db.restoreCollection(projectRef(params), params.collection ?? ''))),
    apiRoute('get', `${collection}/deletion-preview`, ({ params }) => json(db.previewCollectionDeletion(projectRef(params), params.collection ?? ''))),
    apiRoute('get', `${project}/pending-deletion`, ({ params, url }) => json(db.listPendingDeletion(projectRef(params), pageQuery(url)))),
    apiRoute('post', `${project}/bulk-delete`, async ({ params, request }) => json(db.bulkDelete(projectRef(params), await readJson(request)))),
    apiRoute('post', `${project}/bulk-restore`, async ({ params, request }) => json(db.bulkRestore(projectRef(params), await readJson(request)))),
    apiRoute('post', `${project}/deletion-jobs`, async ({ params, request }) => {
      const created = db.createDeletionJob(projectRef(params), await readJson(request));
      return 'dryRun' in created ? json(created.dryRun) : json(created, 202);
    }),
    apiRoute('get', `${project}/deletion-jobs/:id`, ({ params }) => json(db.getDeletionJob(projectRef(params), params.id ?? ''))),
    apiRoute('post', `${project}/deletion-jobs/:id/cancel`, ({ params }) => json({ job: db.cancelDeletionJob(projectRef(params), params.id ?? '') })),
    apiRoute('post', `${project}/deletion-jobs/:id/undo`, ({ params }) => json({ job: db.undoDeletionJob(projectRef(params), params.id ?? '') }, 202)),
    apiRoute('get', `${project}/storage`, ({ params }) => json(db.projectStorage(projectRef(params)))),
  ];
}
