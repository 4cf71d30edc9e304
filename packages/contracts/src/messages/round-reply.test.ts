import { renderJsonSchemas } from '../docs/json-schemas';
import { RoundReply, roundReplyExample } from './round-reply';

const candidate = roundReplyExample.candidates[0]!;
const base = { roundId: roundReplyExample.roundId, orderId: roundReplyExample.orderId };

describe('round.reply is as strict in its JSON Schema as on the platform', () => {
  it.each([
    ['none with candidates', { ...base, answer: 'none', candidates: [candidate] }],
    ['candidates without any', { ...base, answer: 'candidates', candidates: [] }],
    ['more than 50 candidates', { ...base, answer: 'candidates', candidates: Array.from({ length: 51 }, () => candidate) }],
    ['an unknown answer', { ...base, answer: 'maybe', candidates: [] }],
  ])('zod refuses %s', (_what, reply) => {
    expect(RoundReply.safeParse(reply).success).toBe(false);
  });

  it('says the same in the published schema: one variant per answer, with the list sizes', () => {
    const schema = renderJsonSchemas()['round.reply.v1.json'] as {
      oneOf: Array<{ properties: { answer: { const: string }; candidates: { minItems?: number; maxItems?: number } } }>;
    };
    const byAnswer = Object.fromEntries(schema.oneOf.map((v) => [v.properties.answer.const, v.properties.candidates]));
    expect(byAnswer).toEqual({
      candidates: expect.objectContaining({ minItems: 1, maxItems: 50 }),
      none: expect.objectContaining({ maxItems: 0 }),
    });
  });
});
