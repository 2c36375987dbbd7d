/**
 * gridcell's own manifest schema (manifest-schema/): the shipped manifest.xml passes, and each kind of
 * mistake fails with a message that names the element or value at fault and the line it is on.
 * Where Microsoft's published schema is at hand (../shared/manifest-schemas, read in place, never copied),
 * the same manifests go through it with Debian's xmllint and both schemas must agree on pass or fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateManifest } from '../../scripts/manifest-validation';

const ROOT = resolve(__dirname, '../..');
const SHIPPED = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const MICROSOFT_XSD = join(ROOT, '../shared/manifest-schemas/OfficeAppManifestV1_1.xsd');

/** Replaces exactly one occurrence, so that a drifting manifest.xml breaks the test instead of quietly testing nothing. */
function once(xml: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? xml.split(from).length - 1 : (xml.match(new RegExp(from.source, 'g')) ?? []).length;
  if (count !== 1) throw new Error(`expected one ${String(from)} in manifest.xml, found ${count}`);
  return xml.replace(from, to);
}

/** 1-based line of the first occurrence of text. */
function lineOf(xml: string, text: string): number {
  const at = xml.indexOf(text);
  if (at < 0) throw new Error(`${text} not in the manifest`);
  return xml.slice(0, at).split('\n').length;
}

interface Mutation {
  name: string;
  mutate: (xml: string) => string;
  /** What the first problem must say. */
  says: RegExp;
  /** Text on the line the first problem must point at, in the mutated manifest. */
  at: string;
}

const longLabel = 'x'.repeat(126);

/** Mistakes that both gridcell's schema and Microsoft's reject. */
const BOTH_REJECT: Mutation[] = [
  {
    name: 'a misspelt element (<Scrip>)',
    mutate: (xml) => once(once(xml, '<Script>', '<Scrip>'), '</Script>', '</Scrip>'),
    says: /Element 'Scrip': This element is not expected\. Expected is \( Script \)/,
    at: '<Scrip>',
  },
  {
    name: 'a missing required element (no <Id>)',
    mutate: (xml) => once(xml, /\s*<Id>[^<]*<\/Id>/, ''),
    says: /Element 'Version': This element is not expected\. Expected is \( Id \)/,
    at: '<Version>',
  },
  {
    name: 'elements out of order (<ProviderName> before <Version>)',
    mutate: (xml) => once(xml, /(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/, '$3$2$1'),
    says: /Element 'ProviderName': This element is not expected\. Expected is .*Version/,
    at: '<ProviderName>',
  },
  {
    name: 'an Id that is not a GUID',
    mutate: (xml) => once(xml, /<Id>[^<]*<\/Id>/, '<Id>gridcell-addin</Id>'),
    says: /Element 'Id': .*'gridcell-addin'/,
    at: '<Id>',
  },
  {
    name: 'a Permissions value that does not exist',
    mutate: (xml) => once(xml, '<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteEverything</Permissions>'),
    says: /Element 'Permissions': \[facet 'enumeration'\] The value 'ReadWriteEverything' is not an element of the set/,
    at: '<Permissions>',
  },
  {
    name: 'a ShortString over 125 characters',
    mutate: (xml) =>
      once(xml, '<bt:String id="Group.Label" DefaultValue="gridcell"/>', `<bt:String id="Group.Label" DefaultValue="${longLabel}"/>`),
    says: /Element 'bt:String', attribute 'DefaultValue': .*length of '126'.*maximum length of '125'/,
    at: '<bt:String id="Group.Label"',
  },
  {
    name: 'an unknown xsi:type on ExtensionPoint',
    mutate: (xml) => once(xml, 'xsi:type="PrimaryCommandSurface"', 'xsi:type="SecondaryCommandSurface"'),
    says: /Element 'ExtensionPoint', attribute 'xsi:type': .*'SecondaryCommandSurface'.*does not resolve to a type definition/,
    at: 'SecondaryCommandSurface',
  },
  {
    name: 'a Version of five parts',
    mutate: (xml) => once(xml, '<Version>0.1.0.0</Version>', '<Version>0.1.0.0.1</Version>'),
    says: /Element 'Version': .*'0\.1\.0\.0\.1'/,
    at: '<Version>',
  },
];

/**
 * Mistakes only gridcell's schema rejects, so they are left out of the cross-check: Microsoft's schema is
 * the looser one here (it does not check that a resid names a resource of the right kind, nor that an
 * icon lists each size once). Both rules are in the reference pages: a Label's resid "must be set to the
 * value of the id attribute of a <String> element in the <ShortStrings>", and each icon needs its sizes.
 */
const ONLY_GRIDCELL_REJECTS: Mutation[] = [
  {
    name: 'a Label whose resid names no ShortString (a LongString here)',
    mutate: (xml) => once(xml, '<Label resid="Group.Label"/>', '<Label resid="TaskpaneButton.Tooltip"/>'),
    says: /Element 'Label': No match found for key-sequence \['TaskpaneButton\.Tooltip'\] of keyref 'LabelOrTitleIsAShortString'/,
    at: '<Label resid="TaskpaneButton.Tooltip"/>',
  },
  {
    name: 'a SourceLocation whose resid names no Url',
    mutate: (xml) => once(xml, '<SourceLocation resid="Functions.Script.Url"/>', '<SourceLocation resid="Functions.Scipt.Url"/>'),
    says: /Element 'SourceLocation': No match found for key-sequence \['Functions\.Scipt\.Url'\] of keyref 'LocationIsAUrl'/,
    at: '<SourceLocation resid="Functions.Scipt.Url"/>',
  },
  {
    name: 'a button icon listing one size twice',
    mutate: (xml) => once(xml, /(<Control[^>]*>[\s\S]*?<bt:Image size=")64(" resid="Icon\.64x64"\/>)/, '$116$2'),
    says: /Duplicate key-sequence \['16'\] in unique identity-constraint/,
    at: '<bt:Image size="16" resid="Icon.64x64"/>',
  },
];

describe("gridcell's manifest schema", () => {
  test('the shipped manifest.xml passes', async () => {
    const verdict = await validateManifest(SHIPPED);
    expect(verdict.problems).toEqual([]);
    expect(verdict.valid).toBe(true);
  });

  test.each([...BOTH_REJECT, ...ONLY_GRIDCELL_REJECTS].map((m) => [m.name, m] as const))(
    'fails on %s, naming the problem and its line',
    async (_name, m) => {
      const mutated = m.mutate(SHIPPED);
      const verdict = await validateManifest(mutated);
      expect(verdict.valid).toBe(false);
      expect(verdict.problems[0].message).toMatch(m.says);
      expect(verdict.problems[0].line).toBe(lineOf(mutated, m.at));
    },
  );
});

const withMicrosoft = existsSync(MICROSOFT_XSD) ? describe : describe.skip;
withMicrosoft("cross-check against Microsoft's published schema (read in place with Debian's xmllint)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridcell-manifest-'));

  /** true when Microsoft's schema accepts the manifest. */
  function microsoftAccepts(xml: string, name: string): boolean {
    const file = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.xml`);
    writeFileSync(file, xml);
    try {
      execFileSync('xmllint', ['--noout', '--schema', MICROSOFT_XSD, file], { stdio: 'pipe' });
      return true;
    } catch (err) {
      const status = (err as { status?: number }).status;
      // 3 and 4: the document or the schema did not validate; anything else is xmllint itself failing.
      if (status === 3) return false;
      throw err;
    }
  }

  const cases: [string, string][] = [
    ['the shipped manifest', SHIPPED],
    ...BOTH_REJECT.map((m): [string, string] => [m.name, m.mutate(SHIPPED)]),
  ];

  test.each(cases)('both schemas give the same verdict on %s', async (name, xml) => {
    const ours = (await validateManifest(xml)).valid;
    expect({ name, microsoft: microsoftAccepts(xml, name) }).toEqual({ name, microsoft: ours });
  });
});
