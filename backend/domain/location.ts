export interface LocationInfo {
  /** Spelled as the market spells it: `WESTERN HUB`, `TH_NP15_GEN-APND`, `N.Y.C.`. */
  name: string;
  /** HUB, ZONE, NODE, INTERFACE, AREA, REGION, SYSTEM, AGGREGATE, CURRENCY, CONTRACT... */
  type: string;
  /** Other spellings that find it: pnode ids, PTIDs, EIC codes, Japanese names. */
  aliases?: string[];
}
