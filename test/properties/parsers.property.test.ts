/**
 * Random mutations of the real recorded files (truncated, bytes flipped, a column dropped, lines
 * duplicated): every registered parser either fails with the project's own typed errors (GridError,
 * ParseError) or returns only values that appear in the original file. Never a crash (TypeError
 * and the like), never a silent wrong value.
 */
import fc from 'fast-check';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { connectors } from '../../backend/connectors/registry';
import { GridError, type ParsedPoint } from '../../backend/domain';
import type { Report } from '../../backend/connectors/types';
import { recognize } from '../../backend/import/recognize';
import { hasShared, readShared, SHARED_FIXTURES } from '../support/fixtures';

/** Small enough to parse a hundred times in a few seconds. */
const MAX_BYTES = 200_000;
/** Bytes a flip may write: never a digit, a sign, a decimal point or an exponent (those make other, valid, numbers). */
const FLIP_BYTES = [...Array(256).keys()].filter((b) => !/[0-9.+\-eE]/.test(String.fromCharCode(b)));

interface Case {
  file: string;
  report: Report;
  bytes: Buffer;
  allowed: Set<number>;
}

/** Every number written in the text (the file's own values), as the parse would read them. */
function numbersIn(text: string): number[] {
  // `1,234` may be a thousands-separated number or two cells of a CSV row (`904,285`): both readings count.
  return (text.match(/-?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? []).flatMap((t) => [
    Number(t),
    Number(t.replace(/,/g, '')),
    ...t.split(',').map(Number),
  ]);
}

function parse(report: Report, bytes: Buffer, source: string): ParsedPoint[] {
  const market = connectors.find((c) => c.reports.includes(report))!.market;
  return report.parse(bytes, { market, source }).points;
}

/** Each real fixture a registered report recognizes and parses as it is (a zip's recognized members). */
function cases(): Case[] {
  if (!hasShared('.')) return [];
  const out: Case[] = [];
  for (const dir of readdirSync(SHARED_FIXTURES)) {
    const folder = join(SHARED_FIXTURES, dir);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder)) {
      if (statSync(join(folder, name)).size > MAX_BYTES) continue;
      let parts;
      try {
        parts = recognize(connectors, name, readShared(join(dir, name)));
      } catch {
        continue; // not a file any report reads on import
      }
      for (const part of parts) {
        const bytes = part.read();
        let points: ParsedPoint[];
        try {
          points = parse(part.report, bytes, part.name);
        } catch {
          continue; // e.g. a recorded "not published yet" answer
        }
        const text = bytes.toString('latin1') + '\n' + bytes.toString('utf8');
        out.push({
          file: `${dir}/${part.name}`,
          report: part.report,
          bytes,
          allowed: new Set([...numbersIn(text), ...points.map((p) => p.value)]),
        });
      }
    }
  }
  return out;
}

const lines = (b: Buffer) => b.toString('latin1').split('\n');
const joined = (ls: string[]) => Buffer.from(ls.join('\n'), 'latin1');

/** A mutation, given the bytes, as fast-check arbitraries (so that failures shrink to a small one). */
const mutation = fc.oneof(
  fc
    .double({ min: 0, max: 1, noNaN: true })
    .map((at) => ({ what: `truncated at ${at.toFixed(4)}`, apply: (b: Buffer) => b.subarray(0, Math.floor(b.length * at)) })),
  fc
    .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.constantFrom(...FLIP_BYTES)), {
      minLength: 1,
      maxLength: 3,
    })
    .map((flips) => ({
      what: `bytes flipped ${JSON.stringify(flips)}`,
      apply: (b: Buffer) => {
        const out = Buffer.from(b);
        for (const [at, byte] of flips) out[Math.floor(at * out.length)] = byte;
        return out;
      },
    })),
  fc.nat(40).map((col) => ({
    what: `column ${col} dropped`,
    apply: (b: Buffer) =>
      joined(
        lines(b).map((l) =>
          l
            .split(',')
            .filter((_, i) => i !== col)
            .join(','),
        ),
      ),
  })),
  fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 5 }).map((ats) => ({
    what: `lines duplicated at ${ats.map((a) => a.toFixed(3)).join(', ')}`,
    apply: (b: Buffer) => {
      const ls = lines(b);
      for (const at of ats) {
        const i = Math.floor(at * ls.length);
        ls.splice(i, 0, ls[i]);
      }
      return joined(ls);
    },
  })),
);

const all = cases();

(all.length ? describe : describe.skip)('parsers on mutated real files', () => {
  test.each(all.map((c) => [c.report.id, c.file, c] as const))('%s on %s', (_id, file, c) => {
    fc.assert(
      fc.property(mutation, (m) => {
        let points: ParsedPoint[];
        try {
          points = parse(c.report, m.apply(c.bytes), `${file} (${m.what})`);
        } catch (e) {
          if (e instanceof GridError) return;
          throw new Error(`${c.report.id} crashed on ${file} with ${m.what}: ${(e as Error).stack}`, { cause: e });
        }
        for (const p of points) {
          if (!c.allowed.has(p.value))
            throw new Error(
              `${c.report.id} returned ${p.value} (${p.location} ${new Date(p.start).toISOString()}), a value not in ${file}, with ${m.what}`,
            );
        }
      }),
      { numRuns: 60, seed: 20260517 },
    );
  });
});
