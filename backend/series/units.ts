import type { EnergyUnit } from '../../contract';
import { GridError, type StoredPoint } from '../domain';

/** Energy units a price may be quoted per, in kWh. */
const PER_KWH: Record<string, number> = { KWH: 1, MWH: 1000 };

/**
 * Re-expresses a price per kWh as per MWh or back (JEPX publishes JPY/kWh). Prices only: a
 * volume keeps the unit it was published in.
 */
export function convertUnit(
  points: StoredPoint[],
  seriesUnit: string,
  wanted: EnergyUnit | undefined,
  isPrice: boolean,
): { points: StoredPoint[]; unit: string } {
  if (!wanted || wanted.toUpperCase() === seriesUnit.toUpperCase()) return { points, unit: seriesUnit };
  const from = PER_KWH[seriesUnit.toUpperCase()];
  if (!isPrice || from === undefined) {
    throw new GridError(
      'BAD_REQUEST',
      `unit=${wanted} cannot apply here: this series is in ${seriesUnit}${isPrice ? '; prices convert between kWh and MWh only' : ' and is not a price'}.`,
    );
  }
  const factor = PER_KWH[wanted.toUpperCase()] / from;
  return { points: points.map((p) => ({ start: p.start, end: p.end, value: p.value * factor })), unit: wanted };
}
