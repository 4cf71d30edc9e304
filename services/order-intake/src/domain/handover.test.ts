import { decideHandover } from './handover';

describe('lead handover', () => {
  const order = { status: 'searching' as const, leadJobcentre: 185, cooperation: 'HRS' };
  it('hands an open order over to another jobcentre of its cooperation', () => {
    expect(decideHandover(order, 101)).toEqual({ kind: 'hand-over' });
  });
  it('refuses a closed order, the same lead, a non-jobcentre and a jobcentre outside the cooperation', () => {
    expect(decideHandover({ ...order, status: 'filled' }, 101)).toMatchObject({ status: 409 });
    expect(decideHandover(order, 185)).toMatchObject({ status: 409 });
    expect(decideHandover(order, 155)).toMatchObject({ status: 400 });
    expect(decideHandover(order, 253)).toMatchObject({ status: 422 });
    expect(decideHandover({ ...order, cooperation: null }, 253)).toEqual({ kind: 'hand-over' });
  });
});
