import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { notifications } from './db/kernel.tables.js';

export interface Notice {
  recipientKind: 'worker' | 'staff';
  recipientId: string;
  title: string;
  body: string;
  link?: string | null;
}

/**
 * Records a notification in the caller's transaction (so it exists only if the change does).
 * Delivery beyond the app (SMS, WeChat template messages) is an adapter's job; the built-in one
 * keeps them for the member app's message list.
 */
export async function notify(tx: Db, notice: Notice): Promise<void> {
  await tx.insert(notifications).values({ ...notice, link: notice.link ?? null });
}

export async function listNotifications(db: Db, recipientKind: string, recipientId: string, limit = 50) {
  return db
    .select({
      id: notifications.id,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(eq(notifications.recipientKind, recipientKind), eq(notifications.recipientId, recipientId)))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function markNotificationsRead(
  db: Db,
  recipientKind: string,
  recipientId: string,
  at: Date,
): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.recipientKind, recipientKind),
        eq(notifications.recipientId, recipientId),
        isNull(notifications.readAt),
      ),
    );
}
