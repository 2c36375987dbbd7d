/**
 * The ENTSO-E Transparency Platform RESTful API (`web-api.tp.entsoe.eu/api?documentType=A44...`) as a
 * simulated upstream. Answers are built from the recorded A44 document
 * ../shared/fixtures/entsoe/A44_SE1_2021-01-01_PT60M_recorded-2025-11-29.xml: every CET market day
 * asked gets one TimeSeries of the zone asked (its EIC code), restamped with that day's UTC interval,
 * one PT60M point per hour (23 or 25 on DST days), priced with the recorded hours of 1 or 2 January
 * 2021 (by the day's parity; hour 24's price for a 25th). It enforces what ENTSO-E documents (and
 * entsoe-py keeps): a security token, at most one year per query and one bidding zone
 * (in_Domain = out_Domain, one EIC code) per request, each refused with a 400 acknowledgement
 * document; a day not published yet (after tomorrow, or tomorrow before the auction result at
 * about 13:00 CET) is "No matching data found" (400 acknowledgement, reason 999); at most 400
 * requests a minute (one per 150 ms, 429 sooner).
 */
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { daysFrom, simulatedUpstream, type Answer, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const ENTSOE_SPACING_MS = 150;
export const ENTSOE_SE1_FILE = 'entsoe/A44_SE1_2021-01-01_PT60M_recorded-2025-11-29.xml';
const ZONE = 'Europe/Brussels';

/** The recorded prices of 1 (index 0) and 2 January 2021 (index 1), by position 1..24, read from the file. */
export function recordedEntsoeSe1(): number[][] {
  const xml = readShared(ENTSOE_SE1_FILE).toString('utf8');
  return [...xml.matchAll(/<Period>([\s\S]*?)<\/Period>/g)].map((period) =>
    [...period[1].matchAll(/<price\.amount>([^<]+)<\/price\.amount>/g)].map((m) => Number(m[1])),
  );
}

const stamp = (t: DateTime) => t.toUTC().toFormat("yyyy-MM-dd'T'HH:mm'Z'");

function acknowledgement(reason: string): Answer {
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<Acknowledgement_MarketDocument
	xmlns="urn:iec62325.351:tc57wg16:451-1:acknowledgementdocument:7:0">
	<mRID>simulated</mRID>
	<createdDateTime>2026-01-01T00:00:00Z</createdDateTime>
	<sender_MarketParticipant.mRID codingScheme="A01">10X1001A1001A450</sender_MarketParticipant.mRID>
	<sender_MarketParticipant.marketRole.type>A32</sender_MarketParticipant.marketRole.type>
	<receiver_MarketParticipant.mRID codingScheme="A01">10X1001A1001A450</receiver_MarketParticipant.mRID>
	<receiver_MarketParticipant.marketRole.type>A39</receiver_MarketParticipant.marketRole.type>
	<Reason>
		<code>999</code>
		<text>${reason}</text>
	</Reason>
</Acknowledgement_MarketDocument>
`;
  return { status: 400, type: 'text/xml', body };
}

function timeSeries(index: number, eic: string, day: string, recorded: number[][]): string {
  const start = DateTime.fromISO(day, { zone: ZONE });
  const end = start.plus({ days: 1 });
  const hours = end.diff(start, 'hours').hours;
  const prices = recorded[start.day % 2 === 1 ? 0 : 1];
  const points = Array.from(
    { length: hours },
    (_, i) =>
      `        <Point>\n          <position>${i + 1}</position>\n          <price.amount>${prices[Math.min(i, 23)]}</price.amount>\n        </Point>`,
  ).join('\n');
  return `    <TimeSeries>
      <mRID>${index + 1}</mRID>
      <auction.type>A01</auction.type>
      <businessType>A62</businessType>
      <in_Domain.mRID codingScheme="A01">${eic}</in_Domain.mRID>
      <out_Domain.mRID codingScheme="A01">${eic}</out_Domain.mRID>
      <contract_MarketAgreement.type>A01</contract_MarketAgreement.type>
      <currency_Unit.name>EUR</currency_Unit.name>
      <price_Measure_Unit.name>MWH</price_Measure_Unit.name>
      <curveType>A01</curveType>
      <Period>
        <timeInterval>
          <start>${stamp(start)}</start>
          <end>${stamp(end)}</end>
        </timeInterval>
        <resolution>PT60M</resolution>
${points}
      </Period>
    </TimeSeries>`;
}

export function simulatedEntsoe(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, ENTSOE_SPACING_MS, (url) => {
    const q = url.searchParams;
    if (!q.get('securityToken')) return { status: 401, body: 'Unauthorized' };
    if (q.get('documentType') !== 'A44') return acknowledgement('The simulated upstream serves documentType A44 only.');
    const eic = q.get('in_Domain') ?? '';
    if (!/^[0-9A-Z-]{16}$/.test(eic) || q.get('out_Domain') !== eic)
      return acknowledgement('For Data item Energy Prices [12.1.D] in_Domain and out_Domain must be one and the same bidding zone.');
    const from = DateTime.fromFormat(q.get('periodStart') ?? '', 'yyyyMMddHHmm', { zone: 'utc' });
    const until = DateTime.fromFormat(q.get('periodEnd') ?? '', 'yyyyMMddHHmm', { zone: 'utc' });
    if (!from.isValid || !until.isValid || until <= from) return acknowledgement('periodStart and periodEnd are required (yyyyMMddHHmm).');
    if (until > from.plus({ years: 1 }))
      return acknowledgement('The amount of requested data exceeds allowed limit: a query may cover at most one year.');
    const first = from.setZone(ZONE).toISODate()!;
    const last = until.setZone(ZONE).minus({ minutes: 1 }).toISODate()!;
    const now = DateTime.fromMillis(time.now(), { zone: ZONE });
    const published = now.plus({ days: now.hour >= 13 ? 1 : 0 }).toISODate()!;
    const days = daysFrom(first, last).filter((d) => d <= published);
    if (!days.length)
      return acknowledgement(
        `No matching data found for Data item Energy Prices [12.1.D] (${eic}) and interval ${from.toISO()}/${until.toISO()}.`,
      );
    const recorded = recordedEntsoeSe1();
    const body = `<?xml version="1.0" encoding="utf-8"?>
<Publication_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3">
  <mRID>simulated</mRID>
  <revisionNumber>1</revisionNumber>
  <type>A44</type>
  <period.timeInterval>
    <start>${stamp(from)}</start>
    <end>${stamp(until)}</end>
  </period.timeInterval>
${days.map((d, i) => timeSeries(i, eic, d, recorded)).join('\n')}
</Publication_MarketDocument>
`;
    return { status: 200, type: 'text/xml', body };
  });
}
