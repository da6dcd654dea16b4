import { describe, expect, it } from 'vitest';
import { BackgroundWork } from './jobs.js';

function recordingLog() {
  const lines: { level: 'error' | 'warn'; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    error: (obj: object, msg: string) => void lines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
    warn: (obj: object, msg: string) => void lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
  };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
};

// An unhandled rejection anywhere in these would fail the run (vitest reports it as an error).
describe('background work', () => {
  it('logs a failure with what was running and hands it to onError; a failing onError is logged too', async () => {
    const log = recordingLog();
    const work = new BackgroundWork(log);
    const seen: unknown[] = [];
    work.run(
      'import 1',
      () => Promise.reject(new Error('sheet unreadable')),
      async (error) => void seen.push(error),
    );
    work.run(
      'import 2',
      () => Promise.reject(new Error('first')),
      () => Promise.reject(new Error('database gone')),
    );
    await work.close();
    expect((seen[0] as Error).message).toBe('sheet unreadable');
    expect(log.lines.map((l) => [l.level, l.obj.work, (l.obj.err as Error).message])).toEqual([
      ['error', 'import 1', 'sheet unreadable'],
      ['error', 'import 2', 'first'],
      ['error', 'import 2', 'database gone'],
    ]);
  });

  it('repeats work, retries a failed run with growing delays, and stops when closed', async () => {
    const log = recordingLog();
    const work = new BackgroundWork(log);
    let runs = 0;
    work.every(
      'calendar.refresh',
      40,
      async () => {
        runs++;
        if (runs <= 2) throw new Error(`refresh ${runs} failed`);
      },
      2,
    );
    await until(() => runs >= 4);
    const retries = log.lines.filter((l) => l.level === 'warn').map((l) => [l.obj.failures, l.obj.retryInMs]);
    expect(retries).toEqual([
      [1, 2],
      [2, 4],
    ]);
    await work.close();
    const after = runs;
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toBe(after);
    expect(() => work.run('late', async () => undefined)).toThrow(/after the app closed/);
  });
});
