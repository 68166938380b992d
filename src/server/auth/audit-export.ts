/** The audit log as a download (CSV or JSON lines), streamed page by page so that a long log never sits in memory. */
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { ApiError, type AuditEntry } from '../../domain';
import { attachmentDisposition } from '../../domain/content-disposition';
import type { AtticContext } from '../context';
import { listAudit, type AuditQuery } from './audit';

const COLUMNS = ['id', 'at', 'actor', 'action', 'target', 'outcome', 'details'] as const;

function csvCell(value: string): string {
  // Quotes for the format; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(entry: AuditEntry): string {
  return `${COLUMNS.map((col) => csvCell(col === 'details' ? JSON.stringify(entry.details) : entry[col])).join(',')}\r\n`;
}

export async function auditExport(ctx: AtticContext, c: Context, entity: string | null, query: AuditQuery, basename: string) {
  const format = c.req.query('format') ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') throw new ApiError(400, 'INVALID_REQUEST', 'format is csv or jsonl.', { field: 'format' });
  await listAudit(ctx.db, entity, query, { limit: 1, cursor: null }); // bad filters are a 400 before the download starts
  c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
  c.header('Content-Disposition', attachmentDisposition(`${basename}.${format}`));
  return stream(c, async (out) => {
    if (format === 'csv') await out.write(`${COLUMNS.join(',')}\r\n`);
    let cursor: string | null = null;
    do {
      const page = await listAudit(ctx.db, entity, query, { limit: 1000, cursor });
      for (const entry of page.items) await out.write(format === 'csv' ? csvLine(entry) : `${JSON.stringify(entry)}\n`);
      cursor = page.nextCursor;
    } while (cursor !== null);
  });
}
