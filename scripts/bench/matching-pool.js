// A generated, realistic pool for the matching benchmark, the same every run (seeded): CVs across
// the 98 municipalities (the big cities heavier), occupations skewed as unemployment is (care,
// warehouse, retail, cleaning, transport, construction, hospitality, office, some IT and
// engineering), experience, certificates, licences, languages with CEFR levels, availability,
// commuting limits, 95 % marked searchable; and orders of mixed occupations, a third with hard
// requirements.

/** mulberry32: a small seeded generator, so every run benches the same pool. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(random, entries) {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r <= 0) return value;
  }
  return entries[entries.length - 1][0];
}

// DISCO-08 unit groups with a weight (how common among the unemployed).
const OCCUPATIONS = [
  ['5321', 60],
  ['5322', 40],
  ['5311', 25],
  ['5312', 10],
  ['5329', 8],
  ['9321', 55],
  ['9329', 15],
  ['4321', 25],
  ['5223', 50],
  ['5230', 15],
  ['5244', 8],
  ['9112', 45],
  ['9111', 15],
  ['9122', 5],
  ['8332', 30],
  ['8322', 20],
  ['8331', 8],
  ['8344', 12],
  ['7115', 18],
  ['7112', 12],
  ['7119', 6],
  ['7126', 8],
  ['7411', 10],
  ['7412', 4],
  ['7231', 8],
  ['7233', 5],
  ['7212', 6],
  ['9313', 15],
  ['9312', 5],
  ['5120', 25],
  ['5131', 20],
  ['5132', 6],
  ['9412', 15],
  ['7512', 6],
  ['4110', 30],
  ['4120', 10],
  ['4131', 6],
  ['4222', 12],
  ['4311', 8],
  ['3341', 6],
  ['2411', 4],
  ['3512', 10],
  ['2512', 6],
  ['2513', 3],
  ['2514', 2],
  ['3113', 4],
  ['2144', 2],
  ['2142', 2],
  ['2221', 5],
  ['3221', 3],
  ['2341', 6],
  ['2342', 6],
  ['3412', 4],
  ['2431', 3],
  ['3322', 5],
  ['1420', 2],
  ['6111', 4],
  ['6121', 3],
  ['9211', 6],
  ['8160', 5],
  ['8219', 8],
  ['7522', 4],
  ['5414', 8],
  ['3434', 2],
];
const CERTIFICATES = [
  ['construction-safety', 0.08],
  ['forklift', 0.12],
  ['crane', 0.02],
  ['scaffolding', 0.03],
  ['hygiene', 0.1],
  ['first-aid', 0.2],
  ['adr', 0.02],
  ['driver-cpc', 0.05],
  ['security-guard', 0.02],
  ['medication-handling', 0.1],
];
const HEAVY = new Map([
  [101, 12],
  [751, 7],
  [461, 4],
  [851, 4],
  [561, 2],
  [147, 2],
  [157, 2],
  [167, 2],
  [173, 2],
  [630, 2],
  [615, 2],
]);
const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const day = 86_400_000;

function generatePool(count, municipalities, now) {
  const random = rng(17);
  const homes = municipalities.map((m) => [m, HEAVY.get(m.code) ?? 1]);
  const byJobcentre = new Map();
  for (let i = 0; i < count; i++) {
    const home = weighted(random, homes);
    const main = weighted(random, OCCUPATIONS);
    const occupations = [{ code: main, years: Math.floor(random() * 20) }];
    if (random() < 0.35)
      occupations.push(
        random() < 0.5 ? weighted(random, OCCUPATIONS) : { code: weighted(random, OCCUPATIONS), years: Math.floor(random() * 8) },
      );
    const certificates = CERTIFICATES.filter(([, p]) => random() < p).map(([c]) => c);
    const licenceCategories = random() < 0.75 ? (random() < 0.12 ? ['B', 'C', 'CE'] : ['B']) : [];
    const languages = [{ code: 'da', level: random() < 0.85 ? 'C2' : CEFR[Math.floor(random() * 5)] }];
    if (random() < 0.55) languages.push({ code: 'en', level: CEFR[1 + Math.floor(random() * 5)] });
    if (random() < 0.1) languages.push(random() < 0.5 ? 'de' : { code: 'pl', level: 'C2' });
    const availability = random();
    const cv = {
      candidateRef: `c-${home.jobcentreCode}-${String(i).padStart(7, '0')}`,
      revision: new Date(now.getTime() - Math.floor(random() * 120) * day).toISOString(),
      headline: `Kandidat ${main}`,
      occupations,
      skills: random() < 0.5 ? ['truck', 'dagvagter', 'kundeservice'].filter(() => random() < 0.4) : [],
      certificates,
      licenceCategories,
      languages,
      municipality: home.code,
      ...(availability < 0.3
        ? { availableFrom: new Date(now.getTime() + Math.floor(random() * 60) * day).toISOString().slice(0, 10) }
        : {}),
      ...(availability > 0.85 ? { noticeDays: 7 * (1 + Math.floor(random() * 4)) } : {}),
      ...(random() < 0.6 ? { commuteKm: [10, 20, 30, 50, 80][Math.floor(random() * 5)] } : {}),
      hours: random() < 0.7 ? ['full-time'] : ['full-time', 'part-time'],
      summary: { da: 'Ledig, klar til at starte' },
      visibility: { searchable: random() < 0.95, ...(random() < 0.005 ? { addressProtected: true } : {}) },
    };
    const list = byJobcentre.get(home.jobcentreCode) ?? [];
    list.push(cv);
    byJobcentre.set(home.jobcentreCode, list);
  }
  return byJobcentre;
}

function generateOrders(count, municipalities) {
  const random = rng(23);
  const places = municipalities.map((m) => [m.code, HEAVY.get(m.code) ?? 1]);
  const orders = [];
  for (let i = 0; i < count; i++) {
    const occupation = weighted(random, OCCUPATIONS);
    const r = random();
    const requirements =
      r < 0.1
        ? { certificates: ['forklift'] }
        : r < 0.2
          ? { licenceCategories: ['B'], startWithinDays: 14 }
          : r < 0.3
            ? { languages: [{ code: 'da', level: 'B2' }] }
            : undefined;
    orders.push({
      title: `Stilling ${occupation}`,
      occupation,
      positions: 1 + Math.floor(random() * 3),
      municipality: weighted(random, places),
      companyName: 'Virksomhed',
      description: random() < 0.3 ? 'truck og dagvagter' : 'start snarest',
      ...(random() < 0.5 ? { startBy: '2026-12-15' } : {}),
      ...(requirements ? { requirements } : {}),
    });
  }
  return orders;
}

module.exports = { generatePool, generateOrders };
