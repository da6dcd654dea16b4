/**
 * Starts bench/serve.ts in its own process. On a machine with two or more CPUs and `taskset`, the
 * server gets CPU 1 and the calling process (the load generator) CPU 0, so runs compare like with
 * like instead of depending on where the scheduler happened to put each process. (Not where the
 * database is part of what is measured: it needs both CPUs as much as the server does.)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const canPin = os.cpus().length >= 2 && fs.existsSync('/usr/bin/taskset');

/** Pins this process (the client) to CPU 0; returns a note for the report. */
export function pinClient(): string {
  if (!canPin) return 'not pinned';
  execFileSync('/usr/bin/taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  return 'client on CPU 0, server on CPU 1';
}

export function startServer(
  target: 'app' | 'hello',
  env: NodeJS.ProcessEnv,
  pin = true,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const profile = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
    // The young generation production runs with (DEPLOY.md): claims allocate fast, and 16 MB semi-spaces
    // spent a fifth of the server's CPU in the scavenger.
    const node = [process.execPath, '--max-semi-space-size=64', ...profile, '--import', 'tsx', 'bench/serve.ts'];
    const [command, ...args] = canPin && pin ? ['/usr/bin/taskset', '-c', '1', ...node] : node;
    const child = spawn(command!, args, {
      env: { ...env, BENCH_TARGET: target },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

/**
 * bench/serve.ts's latency window: the server-side percentiles (ms) of the requests it served since the last call, and
 * its CPU time over that wall time. A call before a wave starts the window; the one after reads it.
 */
export async function serverLatency(
  port: number,
): Promise<{ count: number; p50: number; p99: number; max: number; cpuShare: number }> {
  const answer = await fetch(`http://127.0.0.1:${port}/__bench/latency`);
  return (await answer.json()) as { count: number; p50: number; p99: number; max: number; cpuShare: number };
}
