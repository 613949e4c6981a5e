import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { packageHome } from '../../home.js';
import { msg } from '../../text/messages.js';
import { PAGE_CSP } from '../../web/html.js';
import { UsageError, type CliIO } from '../io.js';
import type { Lang } from '../../catalogue/catalogue.js';

export interface ServeOptions {
  lang?: Lang;
  /** 0 (default): a free port chosen by the system. */
  port?: number;
  open: boolean;
  /** Stops the server (tests); otherwise Ctrl-C does. */
  signal?: AbortSignal;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

export const webRoot = (): string => join(packageHome(), 'dist', 'web');

/**
 * Answers only GET/HEAD for the page's own files, and only to a Host header naming this very address: a web
 * page elsewhere cannot reach the server by a DNS name rebound to 127.0.0.1.
 */
function handler(root: string, port: () => number) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const hosts = [`127.0.0.1:${port()}`, `localhost:${port()}`];
    const send = (status: number, body: string | Uint8Array = '', type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': PAGE_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store', 'Cross-Origin-Resource-Policy': 'same-origin' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (!hosts.includes(request.headers.host ?? '')) return send(403, 'forbidden host\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed\n');
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    const file = resolve(root, '.' + (path === '/' ? '/index.html' : path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(root + sep) || !type || !existsSync(file) || !statSync(file).isFile()) return send(404, 'not found\n');
    send(200, readFileSync(file), type);
  };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 only. */
export async function startServer(root: string, port = 0): Promise<RunningServer> {
  let bound = port;
  const server = createServer(handler(resolve(root), () => bound));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  bound = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${bound}/`, close: () => new Promise((done) => server.close(() => done())) };
}

function openBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  // no browser to open (a server, a container) is no error: the address is printed
  const child = spawn(command as string, args as string[], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}

export async function runServe(options: ServeOptions, io: CliIO): Promise<number> {
  const lang = options.lang ?? 'zh';
  const root = webRoot();
  if (!existsSync(join(root, 'index.html'))) throw new UsageError(msg(lang, 'web.serve-not-built', { folder: root }));
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(msg(lang, 'web.serve-port', { port: String(options.port) }));
  let server: RunningServer;
  try {
    server = await startServer(root, port);
  } catch (error) {
    throw new UsageError(msg(lang, 'web.serve-failed', { port, reason: (error as Error).message }));
  }
  io.stdout.write(msg(lang, 'web.serve-listening', { url: server.url }) + '\n');
  if (options.open) openBrowser(server.url);
  await new Promise<void>((done) => {
    if (options.signal?.aborted) return done();
    options.signal?.addEventListener('abort', () => done());
    if (!options.signal) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done());
  });
  await server.close();
  return 0;
}
