/**
 * A deletion job's filter as one SQL predicate over a versions row: the set is described, never
 * listed (decision 060), so 100,000 matching versions cost the same statement as ten.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { requireIsoTime, type DeletionJobAction, type DeletionJobFilter } from '../../domain';
import type { Db } from '../store/database';
import { jsonStrings } from '../store/dialect';

const LABEL = /^v(\d+)$/;

/**
 * The versions a job takes: COMMITTED ones for a delete (uploads in progress are left alone),
 * PENDING_DELETION ones for a restore, of one project, where every condition given holds. A
 * restore's alias conditions look at the aliases the deletion removed (`deleted_aliases`).
 */
export function jobFilterSql(db: Db, projectId: number, action: DeletionJobAction, filter: DeletionJobFilter): (alias: string) => RawBuilder<SqlBool> {
  return (alias) => {
    const col = (name: string) => sql.ref(`${alias}.${name}`);
    const state = action === 'delete' ? 'COMMITTED' : 'PENDING_DELETION';
    const conditions: RawBuilder<unknown>[] = [sql`${col('project_id')} = ${projectId}`, sql`${col('state')} = ${state}`];
    // The alias names a version holds: live ones for a delete, those its deletion removed for a restore.
    const aliasNames =
      action === 'delete'
        ? sql`SELECT a.alias AS name FROM aliases a WHERE a.version_seq = ${col('seq')}`
        : sql`SELECT j.value AS name FROM ${jsonStrings(db, col('deleted_aliases'), 'j')}`;
    if (filter.collections) {
      conditions.push(
        sql`${col('collection_id')} IN (SELECT c.id FROM collections c WHERE c.project_id = ${projectId} AND c.name IN (${sql.join(filter.collections)}))`,
      );
    }
    if (filter.versions) {
      const indices = filter.versions.flatMap((v) => (LABEL.test(v) ? [Number(LABEL.exec(v)![1])] : []));
      const ids = filter.versions.filter((v) => !LABEL.test(v));
      const byIndex = indices.length > 0 ? sql`${col('idx')} IN (${sql.join(indices)})` : sql`FALSE`;
      const byId = ids.length > 0 ? sql`${col('id')} IN (${sql.join(ids)})` : sql`FALSE`;
      conditions.push(sql`(${byIndex} OR ${byId})`);
    }
    if (filter.noAliases) conditions.push(sql`NOT EXISTS (${aliasNames})`);
    if (filter.aliases) conditions.push(sql`EXISTS (SELECT 1 FROM (${aliasNames}) AS held WHERE name IN (${sql.join(filter.aliases)}))`);
    if (filter.notAliases) conditions.push(sql`NOT EXISTS (SELECT 1 FROM (${aliasNames}) AS held WHERE name IN (${sql.join(filter.notAliases)}))`);
    // Stored times are ISO strings in UTC with milliseconds: normalized, they compare as text.
    if (filter.createdBefore) conditions.push(sql`${col('created_at')} < ${requireIsoTime('filter.createdBefore', filter.createdBefore)}`);
    if (filter.createdAfter) conditions.push(sql`${col('created_at')} > ${requireIsoTime('filter.createdAfter', filter.createdAfter)}`);
    if (filter.runId) conditions.push(sql`${col('run_id')} = ${filter.runId}`);
    if (filter.minSizeBytes !== undefined) conditions.push(sql`${col('size_bytes')} >= ${filter.minSizeBytes}`);
    return sql<SqlBool>`(${sql.join(conditions, sql` AND `)})`;
  };
}
