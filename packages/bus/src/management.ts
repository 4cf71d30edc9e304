/**
 * A small client for the RabbitMQ management HTTP API: vhosts, users and permissions for
 * provisioning and tests. The URL may carry credentials (http://user:pass@host:15672).
 */
export interface ManagementClient {
  putVhost(vhost: string): Promise<void>;
  deleteVhost(vhost: string): Promise<void>;
  putUser(user: string, password: string, tags?: string): Promise<void>;
  deleteUser(user: string): Promise<void>;
  setPermissions(vhost: string, user: string, perms: { configure: string; write: string; read: string }): Promise<void>;
  setTopicPermissions(vhost: string, user: string, perms: { exchange: string; write: string; read: string }): Promise<void>;
  queueInfo(
    vhost: string,
    queue: string,
  ): Promise<{ messages: number; messages_ready: number; messages_unacknowledged: number } | undefined>;
  overview(): Promise<unknown>;
}

export function managementClient(url: string): ManagementClient {
  const parsed = new URL(url);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`;
  parsed.username = '';
  parsed.password = '';
  const base = parsed.toString().replace(/\/$/, '');

  async function call(method: string, path: string, body?: unknown, okMissing = false): Promise<unknown> {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (okMissing && res.status === 404) return undefined;
    if (!res.ok) throw new Error(`RabbitMQ management ${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  }
  const v = encodeURIComponent;

  return {
    putVhost: async (vhost) => void (await call('PUT', `/vhosts/${v(vhost)}`, {})),
    deleteVhost: async (vhost) => void (await call('DELETE', `/vhosts/${v(vhost)}`, undefined, true)),
    putUser: async (user, password, tags = '') => void (await call('PUT', `/users/${v(user)}`, { password, tags })),
    deleteUser: async (user) => void (await call('DELETE', `/users/${v(user)}`, undefined, true)),
    setPermissions: async (vhost, user, perms) => void (await call('PUT', `/permissions/${v(vhost)}/${v(user)}`, perms)),
    setTopicPermissions: async (vhost, user, perms) => void (await call('PUT', `/topic-permissions/${v(vhost)}/${v(user)}`, perms)),
    queueInfo: async (vhost, queue) =>
      (await call('GET', `/queues/${v(vhost)}/${v(queue)}`, undefined, true)) as
        | { messages: number; messages_ready: number; messages_unacknowledged: number }
        | undefined,
    overview: () => call('GET', '/overview'),
  };
}
