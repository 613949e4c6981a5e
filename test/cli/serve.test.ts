import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServe, startServer } from '../../src/cli/commands/serve.js';
import { tempDir } from '../support/temp.js';

function get(url: string, headers: Record<string, string> = {}, path?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: path ?? target.pathname, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function site(): string {
  const dir = tempDir('eduduty-serve-');
  const root = join(dir, 'web');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(root, 'eduduty.js'), 'void 0;');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  return root;
}

describe('eduduty serve', () => {
  it('serves the page on 127.0.0.1 with its content security policy', async () => {
    const server = await startServer(site());
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const host = new URL(server.url).host;
      const page = await get(server.url, { Host: host });
      expect(page.status).toBe(200);
      expect(page.body).toContain('<title>page</title>');
      expect(page.headers['content-security-policy']).toContain("connect-src 'none'");
      expect((await get(server.url, { Host: host }, '/eduduty.js')).headers['content-type']).toMatch(/^text\/javascript/);
    } finally {
      await server.close();
    }
  });

  it('refuses a Host header naming another site, so a rebound DNS name cannot reach it', async () => {
    const server = await startServer(site());
    try {
      expect((await get(server.url, { Host: 'attacker.example' })).status).toBe(403);
      expect((await get(server.url, { Host: `attacker.example:${new URL(server.url).port}` })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('serves nothing outside its folder and nothing but the page files', async () => {
    const server = await startServer(site());
    try {
      const host = new URL(server.url).host;
      expect((await get(server.url, { Host: host }, '/../secret.txt')).status).toBe(404);
      expect((await get(server.url, { Host: host }, '/%2e%2e/secret.txt')).status).toBe(404);
      expect((await get(server.url, { Host: host }, '/missing.js')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('prints its address, opens no browser with open off, and stops when asked', async () => {
    const controller = new AbortController();
    let stdout = '';
    const io = { stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) }, stderr: { write: () => true }, env: {}, cwd: process.cwd(), readStdin: async () => new Uint8Array() };
    const running = runServe({ lang: 'en', open: false, signal: controller.signal }, io);
    await expect.poll(() => stdout, { timeout: 60_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\//); // a busy machine may be slow to start it
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)![0];
    expect((await get(url, { Host: new URL(url).host })).body).toContain('Content-Security-Policy');
    controller.abort();
    expect(await running).toBe(0);
  });
});
