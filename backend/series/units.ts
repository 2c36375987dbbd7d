import { GridError } from '../errors';
import type { StoredPoint } from '../store/series-store';

/** Energy units a price may be quoted per, in kWh. */
const PER_KWH: Record<string, number> = { KWH: 1, MWH: 1000 };

/**
 * Re-expresses a price per kWh as per MWh or back (JEPX publishes JPY/kWh). Prices only: a
 * volume keeps the unit it was published in.
 */
export function convertUnit(points: StoredPoint[], seriesUnit: string, wanted: string | undefined, isPrice: boolean): { points: StoredPoint[]; unit: string } {
  const target = wanted?.trim();
  if (!target || target.toUpperCase() === seriesUnit.toUpperCase()) return { points, unit: seriesUnit };
  const from = PER_KWH[seriesUnit.toUpperCase()];
  const to = PER_KWH[target.toUpperCase()];
  if (!isPrice || from === undefined || to === undefined) {
    throw new GridError('BAD_REQUEST', `unit=${target} cannot apply here: this series is in ${seriesUnit}${isPrice ? '; prices convert between kWh and MWh only' : ' and is not a price'}.`);
  }
  const factor = to / from;
  return { points: points.map((p) => ({ ...p, value: p.value * factor })), unit: target.toUpperCase() === 'MWH' ? 'MWh' : 'kWh' };
}
