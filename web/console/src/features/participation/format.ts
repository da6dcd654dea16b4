import type { CongressStatus } from './queries';

export const congressStatusColour: Record<CongressStatus, string> = { active: 'green', archived: 'default' };

/** An instant as people in China read it: 2026/3/1 09:30:00. */
export const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';
