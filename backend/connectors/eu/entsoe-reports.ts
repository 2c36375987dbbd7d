import { GEN_PREFIX, LOAD_PRODUCT } from '../../../contract';
import { GridError, type LocationInfo, ParseError } from '../../domain';
import type { FileSample, Parser, Report, RequestContext } from '../types';
import { entsoeGenerationRequest, entsoeLoadRequest, ENTSOE_LIMITS } from './entsoe-request';
import { parseEntsoeGeneration, parseEntsoeLoad } from './entsoe-parse';
import { ENTSOE_FUELS } from './entsoe-psr';
import { ENTSOE_API_KEY_ENV } from './entsoe-zones';

/**
 * The ENTSO-E load and generation reports, made once for each connector that asks ENTSO-E for its
 * zones (EPEX for every bidding zone, Nord Pool for the Nordic and Baltic areas).
 */
export interface EntsoeFundamentalsOptions {
  /** The connector's id, lower-cased: the reports' id prefix. */
  market: string;
  /** The zone asked for (canonical name), from the request. */
  zoneOf(ctx: RequestContext): string;
  /** The zones this connector asks ENTSO-E for; absent: every zone of `entsoe-zones.ts`. */
  zones?: ReadonlySet<string>;
  /** Whether these reports recognize files on import (one connector per document kind should). */
  detect: boolean;
}

export const ENTSOE_GENERATION_PRODUCTS = ENTSOE_FUELS.map((fuel) => GEN_PREFIX + fuel);

export function entsoeFundamentalReports(options: EntsoeFundamentalsOptions): Report[] {
  const { market, zones } = options;
  const serves = zones ? (location: LocationInfo) => zones.has(location.name) : undefined;
  const zoneOf = (ctx: RequestContext): string => {
    const zone = options.zoneOf(ctx);
    if (zones && !zones.has(zone))
      throw new GridError('NO_DATA', `${market.toUpperCase()} asks ENTSO-E only for ${[...zones].join(', ')}, not ${zone}.`);
    return zone;
  };
  const common = {
    keys: [ENTSOE_API_KEY_ENV],
    scope: 'location' as const,
    limits: ENTSOE_LIMITS,
    provisional: true,
    ...(serves ? { serves } : {}),
  };
  // Recognizing files on import: only for the connector that should (options.detect).
  const detecting = (type: string, processType: string): Pick<Report, 'detect'> =>
    options.detect ? { detect: (file: FileSample) => isGlDocument(file, type, processType) } : {};
  return [
    {
      ...common,
      id: `${market}.entsoe_load`,
      description: 'ENTSO-E actual total load (document A65, process A16), MW by bidding zone, one zone per request',
      runs: ['ACTUAL'],
      products: [LOAD_PRODUCT],
      request: (ctx) => entsoeLoadRequest(ctx, zoneOf(ctx), 'A16'),
      parse: onlyZones(parseEntsoeLoad, zones),
      ...detecting('A65', 'A16'),
    },
    {
      ...common,
      id: `${market}.entsoe_load_forecast`,
      description:
        'ENTSO-E day-ahead total load forecast (document A65, process A01), MW by bidding zone; each answer kept as a vintage of its createdDateTime',
      runs: ['FORECAST'],
      products: [LOAD_PRODUCT],
      request: (ctx) => entsoeLoadRequest(ctx, zoneOf(ctx), 'A01'),
      parse: onlyZones(parseEntsoeLoad, zones),
      ...detecting('A65', 'A01'),
    },
    {
      ...common,
      id: `${market}.entsoe_generation`,
      description:
        'ENTSO-E actual generation per production type (document A75, process A16), MW by fuel and bidding zone; pumping counts as negative pumped-storage generation',
      runs: ['ACTUAL'],
      products: ENTSOE_GENERATION_PRODUCTS,
      request: (ctx) => entsoeGenerationRequest(ctx, zoneOf(ctx)),
      parse: onlyZones(parseEntsoeGeneration, zones),
      ...detecting('A75', 'A16'),
    },
  ];
}

/** A generation-and-load document of this type and process type, from its first elements. */
function isGlDocument(file: FileSample, type: string, processType: string): boolean {
  return (
    /<GL_MarketDocument[\s>]/.test(file.head) &&
    new RegExp(`<type>\\s*${type}\\s*</type>`).test(file.head) &&
    new RegExp(`<process\\.processType>\\s*${processType}\\s*</process\\.processType>`).test(file.head)
  );
}

/** The parser, refusing a document about a zone the connector does not ask ENTSO-E for. */
function onlyZones(parse: Parser, zones: ReadonlySet<string> | undefined): Parser {
  if (!zones) return parse;
  return (body, ctx) => {
    const result = parse(body, ctx);
    const stranger = result.points.find((p) => !zones.has(p.location));
    if (stranger) throw new ParseError(ctx.source, `${stranger.location} is not an area this market asks ENTSO-E for`);
    return result;
  };
}
