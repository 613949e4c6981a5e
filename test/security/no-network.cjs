// Preloaded into a child eduduty process: any attempt to reach the network throws, so a run that succeeds
// has used none. Covers sockets, DNS, HTTP(S), HTTP/2, TLS, UDP, fetch and WebSocket.
const refuse = (what) => () => {
  throw new Error(`network access attempted: ${what}`);
};
const net = require('node:net');
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns[name] = refuse(`dns.${name}`);
dns.promises.lookup = refuse('dns.promises.lookup');
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = m.get = refuse(`${mod}.request`);
}
require('node:http2').connect = refuse('http2.connect');
require('node:tls').connect = refuse('tls.connect');
require('node:dgram').createSocket = refuse('dgram.createSocket');
globalThis.fetch = refuse('fetch');
globalThis.WebSocket = class {
  constructor() {
    refuse('WebSocket')();
  }
};
