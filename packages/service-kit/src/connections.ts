import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface Shutdown {
  /**
   * Stops taking connections; a response under way is finished (its connection then closes);
   * every other connection is closed now. After `graceMs` whatever is left is cut. Resolves once
   * the server is closed.
   */
  close(graceMs: number): Promise<void>;
}

/**
 * A shutdown that does not wait for connections nobody uses. Node's `server.close()` waits for
 * every open connection, and `closeIdleConnections()` only ends those that carried a request: a
 * connection a browser opened ahead of time (Chromium preconnects to a site it expects to visit)
 * sends nothing and stays open until the browser drops it — a minute or more; a keep-alive client
 * of an API holds its idle connection alike. The process then lingered after SIGTERM, and a
 * restart waited as long. So the connections are tracked here with their requests in flight. One
 * copy for every HTTP server: the services' shell (lifecycle.ts `listen`) and the web front.
 */
export function trackConnections(server: Server): Shutdown {
  const inFlight = new Map<Socket, number>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    // A response finished while shutting down closes its connection (no keep-alive past it).
    if (closing) res.setHeader('connection', 'close');
    res.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      if (inFlight.has(socket)) inFlight.set(socket, left);
      if (closing && left === 0) socket.end();
    });
  });
  return {
    close(graceMs) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [socket, requests] of inFlight) if (requests === 0) socket.destroy();
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      cut.unref();
      return closed.finally(() => clearTimeout(cut));
    },
  };
}
