import { and, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { programmeApplicationAttachments } from './programmes.tables.js';

/** Whether the application attaches the file: the only files its readers may download through it. */
export async function isAttachedTo(db: Db, applicationId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ fileId: programmeApplicationAttachments.fileId })
    .from(programmeApplicationAttachments)
    .where(
      and(
        eq(programmeApplicationAttachments.applicationId, applicationId),
        eq(programmeApplicationAttachments.fileId, fileId),
      ),
    );
  return row !== undefined;
}
