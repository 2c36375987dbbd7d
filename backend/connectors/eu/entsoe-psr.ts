import type { Fuel } from '../../../contract';

/**
 * ENTSO-E production types (`MktPSRType.psrType` of document A75), by their code, with the name the
 * Transparency Platform gives them and the fuel of gridcell's vocabulary each counts as. Two codes of
 * one fuel in a zone (run-of-river and reservoir hydro, wind on- and offshore, lignite and hard coal)
 * are summed. Coal-derived gas (blast-furnace and coke-oven gas) counts as gas, as the platform's own
 * "fossil gas" totals and most users of the data group it; peat counts as other fossil.
 */
export const ENTSOE_PSR_TYPES: Readonly<Record<string, { name: string; fuel: Fuel }>> = {
  B01: { name: 'Biomass', fuel: 'BIOMASS' },
  B02: { name: 'Fossil Brown coal/Lignite', fuel: 'COAL' },
  B03: { name: 'Fossil Coal-derived gas', fuel: 'GAS' },
  B04: { name: 'Fossil Gas', fuel: 'GAS' },
  B05: { name: 'Fossil Hard coal', fuel: 'COAL' },
  B06: { name: 'Fossil Oil', fuel: 'OIL' },
  B07: { name: 'Fossil Oil shale', fuel: 'OIL' },
  B08: { name: 'Fossil Peat', fuel: 'OTHER_FOSSIL' },
  B09: { name: 'Geothermal', fuel: 'GEOTHERMAL' },
  B10: { name: 'Hydro Pumped Storage', fuel: 'PUMPED_STORAGE' },
  B11: { name: 'Hydro Run-of-river and poundage', fuel: 'HYDRO' },
  B12: { name: 'Hydro Water Reservoir', fuel: 'HYDRO' },
  B13: { name: 'Marine', fuel: 'OTHER_RENEWABLES' },
  B14: { name: 'Nuclear', fuel: 'NUCLEAR' },
  B15: { name: 'Other renewable', fuel: 'OTHER_RENEWABLES' },
  B16: { name: 'Solar', fuel: 'SOLAR' },
  B17: { name: 'Waste', fuel: 'WASTE' },
  B18: { name: 'Wind Offshore', fuel: 'WIND' },
  B19: { name: 'Wind Onshore', fuel: 'WIND' },
  B20: { name: 'Other', fuel: 'OTHER' },
  B25: { name: 'Energy storage', fuel: 'STORAGE' },
};

/** The codes as `FuelTally` takes a market's own names (`extra`): ENTSO-E's codes are no general fuel names. */
export const ENTSOE_PSR_FUELS: Readonly<Record<string, Fuel>> = Object.fromEntries(
  Object.entries(ENTSOE_PSR_TYPES).map(([code, { fuel }]) => [code, fuel]),
);

/** Every fuel a zone's A75 document may name, once each, in the vocabulary's order of first use above. */
export const ENTSOE_FUELS: readonly Fuel[] = [...new Set(Object.values(ENTSOE_PSR_FUELS))];
