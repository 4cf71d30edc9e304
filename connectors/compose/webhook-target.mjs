// A stand-in for the jobcentre's case system, the connector's webhook target (WEBHOOK_URL): it
// logs every message and answers broadcasts with 204 ("we answer later", e.g. a consultant in the
// case system). Answer 200 {"answer": "candidates" | "none", "candidates": [...]} to reply at once.
// Replace it with your own system; the protocol is in docs/connector.md ("Webhook mode").
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);

createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return res.writeHead(200).end('ok');
  if (req.method !== 'POST' || req.url !== '/rs-messages') return res.writeHead(404).end();
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    let message;
    try {
      message = JSON.parse(body);
    } catch {
      return res.writeHead(400).end();
    }
    console.log(JSON.stringify({ received: message.type, id: message.id, roundId: message.data?.roundId }));
    // The same id again is the same message (at-least-once delivery): handle it once.
    res.writeHead(message.type === 'round.order-broadcast' ? 204 : 200).end();
  });
}).listen(port, () => console.log(JSON.stringify({ listening: port })));
