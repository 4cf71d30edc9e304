import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { cvPublisher } from '@rs/connector';
import type { SharedCv } from '@rs/contracts';
import { jobcentreAmqpUrl, type TestPlatform } from '@rs/testkit';

/*
 * The candidate pools behind broadcast's shortlist tests: each jobcentre shares its CVs over its
 * own broker user (as its connector does); `poolFilled` (@rs/testkit) waits until matching holds them.
 */

/** Shares each jobcentre's CVs as that jobcentre; resolves with the buses to close in afterAll. */
export async function sharePools(platform: TestPlatform, pools: Record<number, SharedCv[]>): Promise<Bus[]> {
  const buses: Bus[] = [];
  for (const [code, cvs] of Object.entries(pools)) {
    const bus = connectBus({ url: jobcentreAmqpUrl(platform.world, Number(code)), name: `cv-${code}`, logger: silentLogger });
    buses.push(bus);
    await cvPublisher(bus, Number(code)).upsertCvs(cvs);
  }
  return buses;
}
