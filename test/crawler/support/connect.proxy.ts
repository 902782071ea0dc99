/**
 * A real HTTP CONNECT proxy on 127.0.0.1 for the proxy tests: it records each
 * CONNECT target and tunnels to it, resolving the name itself (`route` maps a
 * target host to the address it connects to; default: the host as given).
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

export interface ConnectProxy { url: string; connects: string[]; server: Server; close(): Promise<void> }

export async function startConnectProxy(route: (host: string) => string = (h) => h): Promise<ConnectProxy> {
  const connects: string[] = [];
  const server = createServer();
  server.on('connect', (req, client, head) => {
    connects.push(String(req.url));
    const [host, port] = String(req.url).split(':');
    const upstream = connect(Number(port), route(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connects, server,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
