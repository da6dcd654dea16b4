import net from 'node:net';

/**
 * Raw keep-alive HTTP/1.1 for the flash benchmarks (bench:claims, bench:votes): every simulated phone holds its own
 * socket, so a whole wave of requests can be written at one instant, which no HTTP client library lets one time.
 */
export function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Reads one HTTP/1.1 response (Fastify always sends content-length): its status and body. */
export function nextResponse(socket: net.Socket): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffered.subarray(0, end).toString('latin1');
      const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve({
        status: Number(head.slice(9, 12)),
        body: buffered.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/**
 * `count` keep-alive sockets, opened 100 at a time, each warmed with one signed-in GET of `path` (a member's app
 * showing the campaign, the motion, the poll before it opens): socket i is member i's (`tokens[i]`).
 */
export async function warmSockets(port: number, tokens: string[], count: number, path: string): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => connect(port)));
    await Promise.all(
      batch.map((socket, j) => {
        const answered = nextResponse(socket);
        socket.write(`GET ${path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer ${tokens[i + j]}\r\n\r\n`);
        return answered;
      }),
    );
    sockets.push(...batch);
  }
  return sockets;
}
