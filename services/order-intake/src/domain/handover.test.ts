import { decideHandover } from './handover';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

describe('lead handover', () => {
  const order = { status: 'searching' as const, leadJobcentre: 185, cooperation: 'HRS' };
  it('hands an open order over to another jobcentre of its cooperation', () => {
    expect(decideHandover(order, 101, COOPS)).toEqual({ kind: 'hand-over' });
  });
  it('refuses a closed order, the same lead, a non-jobcentre and a jobcentre outside the cooperation', () => {
    expect(decideHandover({ ...order, status: 'filled' }, 101, COOPS)).toMatchObject({ status: 409 });
    expect(decideHandover(order, 185, COOPS)).toMatchObject({ status: 409 });
    expect(decideHandover(order, 155, COOPS)).toMatchObject({ status: 400 });
    expect(decideHandover(order, 253, COOPS)).toMatchObject({ status: 422 });
    expect(decideHandover({ ...order, cooperation: null }, 253, COOPS)).toEqual({ kind: 'hand-over' });
  });
});
