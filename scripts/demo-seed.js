#!/usr/bin/env node
// npm start's demo data, once per .data: companies registered at the phone line and orders
// broadcast to the cooperation, so every first screen has something on it — Tårnby's orders and
// round board (a Dragør company: R1 gives it Tårnby), København's inbox with a round to answer by
// hand, the steering group's figures. The demo connectors answer the rounds within a minute.
// The care home's order is a large project with two hires København recorded (Frederiksberg's
// candidates, started 30 and 28 days before the seeding): the onboarding consultant (indslusning)
// finds their 4-week follow-ups on the first screen, one overdue and one due that day (R10).
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
  {
    company: 1,
    title: 'Social- og sundhedsassistent',
    occupation: '5321',
    positions: 3,
    largeProject: true,
    hires: [
      { jobcentre: 147, candidateRef: 'demo-147-sosu-1', daysAgo: 30 },
      { jobcentre: 147, candidateRef: 'demo-147-sosu-2', daysAgo: 28 },
    ],
  },
];

/** The Copenhagen calendar day `days` before now (follow-ups fall due by Danish days). */
const daysAgo = (days) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - days * 86_400_000),
  );

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
      order: {
        title: order.title,
        occupation: order.occupation,
        positions: order.positions,
        ...(order.largeProject ? { largeProject: true } : {}),
        broadcast: { scope: 'cooperation' },
      },
    });
    // The lead records the hires (the care home is in København: its lead is 101).
    for (const hire of order.hires ?? []) {
      await call(tokens.kobenhavn, 'POST', `/orders/${logged.orderId}/hires`, {
        jobcentre: hire.jobcentre,
        candidateRef: hire.candidateRef,
        startDate: daysAgo(hire.daysAgo),
        weeklyHours: 37,
      });
    }
    const hires = order.hires ? `, ${order.hires.length} hires to follow up` : '';
    made.push(`${order.title} → order ${logged.orderId ?? '?'} (call ${logged.reference})${hires}`);
  }
  console.log(`demo data: ${COMPANIES.length} companies, ${ORDERS.length} orders by phone, broadcast to HRS:\n  ${made.join('\n  ')}`);
}

main().catch((error) => {
  console.error(`demo data not created: ${error.message}`);
  process.exit(1);
});
