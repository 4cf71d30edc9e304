#!/usr/bin/env node
// npm start's demo data, once per .data: companies registered at the phone line and orders
// broadcast to the cooperation, so every first screen has something on it — Tårnby's orders and
// round board (a Dragør company: R1 gives it Tårnby), København's inbox with a round to answer by
// hand, the steering group's figures. The demo connectors answer the rounds within a minute.
// Everything goes through the APIs with the demo users' tokens, as a person would.
'use strict';
const { randomUUID } = require('node:crypto');

const INTAKE = process.env.ORDER_INTAKE_URL ?? 'http://127.0.0.1:3001';
const tokens = { operator: process.env.OPERATOR_TOKEN, kobenhavn: process.env.KOBENHAVN_TOKEN };

async function call(token, method, path, body) {
  const res = await fetch(`${INTAKE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

const COMPANIES = [
  {
    cvr: '24256790',
    name: 'Dragør Lager ApS',
    address: { street: 'Kirkevej 12', postalCode: '2791', city: 'Dragør' },
    municipality: 155,
    contacts: [{ name: 'Mette Holm', role: 'Lagerchef', phone: '+45 32 53 00 00' }],
  },
  {
    cvr: '10150817',
    name: 'Plejecenter Sundby',
    address: { street: 'Englandsvej 40', postalCode: '2300', city: 'København S' },
    municipality: 101,
    contacts: [{ name: 'Jonas Berg', role: 'Centerleder' }],
  },
];

const ORDERS = [
  { company: 0, title: 'Lagerarbejder med truckcertifikat', occupation: '9321', positions: 4 },
  { company: 0, title: 'Chauffør, kategori C', occupation: '8332', positions: 2 },
  { company: 1, title: 'Social- og sundhedsassistent', occupation: '5321', positions: 3 },
];

async function main() {
  for (const company of COMPANIES) await call(tokens.operator, 'POST', '/companies', company);
  const made = [];
  // Each order comes in as a call at the shared phone line, as a company's would: the call log
  // (the operator's "Dagens opkald") holds it, and the call becomes the order for the lead.
  for (const order of ORDERS) {
    const company = COMPANIES[order.company];
    const logged = await call(tokens.operator, 'POST', '/calls', {
      caller: { name: company.contacts[0].name, ...(company.contacts[0].role ? { role: company.contacts[0].role } : {}) },
      company: { cvr: company.cvr },
      need: 'new-order',
      note: `${order.positions} stillinger: ${order.title}`,
      order: { title: order.title, occupation: order.occupation, positions: order.positions, broadcast: { scope: 'cooperation' } },
    });
    made.push(`${order.title} → order ${logged.orderId ?? '?'} (call ${logged.reference})`);
  }
  console.log(`demo data: ${COMPANIES.length} companies, ${ORDERS.length} orders by phone, broadcast to HRS:\n  ${made.join('\n  ')}`);
}

main().catch((error) => {
  console.error(`demo data not created: ${error.message}`);
  process.exit(1);
});
