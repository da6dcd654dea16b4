import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from './processes.js';

export const redisServerPath = '/usr/bin/redis-server';

/** In CI Redis is required (apt-get install redis-server, .ci/run); on a developer machine without it, its tests are skipped loudly. */
export const redisAvailable = fs.existsSync(redisServerPath);
if (!redisAvailable) {
  if (process.env.CI || process.env.E2E_REQUIRED)
    throw new Error(`redis-server not found at ${redisServerPath}; the Redis tests are required here`);
  console.warn(
    `\n  !! redis-server not found at ${redisServerPath}: Redis counter tests SKIPPED (apt-get install redis-server)\n`,
  );
}

/** A throwaway Redis on 127.0.0.1 (nothing saved to disk) for one test file. */
export async function startRedis(): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    redisServerPath,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
