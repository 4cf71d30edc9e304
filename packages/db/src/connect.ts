import mongoose, { type Connection } from 'mongoose';

export interface ConnectOptions {
  url: string;
  dbName: string;
  logger: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
  /** Give up after this many ms of failed attempts. Default 60000. */
  retryForMs?: number;
}

/**
 * Connects with retry (the database may start after the service, e.g. in Compose). Commands are
 * not buffered while disconnected: a request fails fast (503) instead of hanging.
 */
export async function connectMongo(options: ConnectOptions): Promise<Connection> {
  const deadline = Date.now() + (options.retryForMs ?? 60_000);
  let delay = 250;
  for (;;) {
    const connection = mongoose.createConnection(options.url, {
      dbName: options.dbName,
      bufferCommands: false,
      serverSelectionTimeoutMS: 5_000,
      autoIndex: true,
    });
    try {
      await connection.asPromise();
      options.logger.info({ db: options.dbName }, 'connected to database');
      connection.on('disconnected', () => options.logger.warn({ db: options.dbName }, 'database disconnected'));
      connection.on('reconnected', () => options.logger.info({ db: options.dbName }, 'database reconnected'));
      return connection;
    } catch (error) {
      await connection.close().catch(() => {});
      if (Date.now() > deadline) throw error;
      options.logger.warn({ err: (error as Error).message, retryInMs: delay }, 'database not reachable; retrying');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

/** True when the connection can serve a command now (for /readyz). */
export async function pingMongo(connection: Connection): Promise<boolean> {
  try {
    if (connection.readyState !== 1 || !connection.db) return false;
    await connection.db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
