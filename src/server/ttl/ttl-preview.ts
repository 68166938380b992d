/** A project's TTL default, read back, and what another default would do right now (before anyone saves it). */
import { sql } from 'kysely';
import { parseTtlPreviewDays, type ProjectSettings, type TtlPreview } from '../../domain';
import { requireProject } from '../artifacts/lookup';
import { nowIso, type AtticContext } from '../context';
import { daysOf } from '../store/dialect';

export async function getProjectSettings(ctx: AtticContext, entity: string, projectName: string): Promise<ProjectSettings> {
  const project = await requireProject(ctx.db, entity, projectName);
  return { defaultTtlDays: project.default_ttl_days };
}

/**
 * `GET .../settings/ttl-preview?defaultTtlDays=N`: COMMITTED versions that inherit the default, and
 * those the next scan would soft-delete at once if it were N (custom TTLs already run out count too).
 */
export async function previewDefaultTtl(ctx: AtticContext, entity: string, projectName: string, rawDays: string | undefined): Promise<TtlPreview> {
  const days = parseTtlPreviewDays(rawDays);
  const project = await requireProject(ctx.db, entity, projectName);
  const now = nowIso(ctx);
  const { rows } = await sql<{ inheriting: number | null; expiring: number | null }>`
    SELECT SUM(CASE WHEN ttl_mode = 'inherit' THEN 1 ELSE 0 END) AS inheriting,
           SUM(CASE WHEN ${daysOf(ctx.db, sql`created_at`)} + (CASE ttl_mode WHEN 'custom' THEN ttl_days WHEN 'inherit' THEN CAST(${days} AS REAL) END)
             <= ${daysOf(ctx.db, sql`${now}`)} THEN 1 ELSE 0 END) AS expiring
    FROM versions WHERE project_id = ${project.id} AND state = 'COMMITTED'`.execute(ctx.db);
  return { defaultTtlDays: days, versionsInheriting: Number(rows[0]?.inheriting ?? 0), versionsExpiringNow: Number(rows[0]?.expiring ?? 0) };
}
