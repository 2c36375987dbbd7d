/**
 * Validates an Office add-in manifest against gridcell's own schema (manifest-schema/), offline:
 * libxml2's schema validator compiled to WebAssembly (xmllint-wasm), nothing outside the repository.
 * A pass means the manifest is structurally sound by the documented rules; it is not Microsoft's verdict.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

export const SCHEMA_DIR = resolve(__dirname, '../manifest-schema');
/** The entry point; it imports the other two by these file names. */
export const SCHEMA_FILES = ['gridcell-manifest.xsd', 'gridcell-basic-types.xsd', 'gridcell-taskpane-overrides.xsd'] as const;

export interface ManifestProblem {
  /** 1-based line in the manifest, or null when libxml2 named none. */
  line: number | null;
  /** What is wrong, as libxml2 says it, e.g. "Element '{...}Scrip': This element is not expected. Expected is ( {...}Script )." */
  message: string;
}

export interface ManifestVerdict {
  valid: boolean;
  problems: ManifestProblem[];
}

let schemas: { fileName: string; contents: string }[] | undefined;
function loadSchemas() {
  schemas ??= SCHEMA_FILES.map((fileName) => ({ fileName, contents: readFileSync(join(SCHEMA_DIR, fileName), 'utf8') }));
  return schemas;
}

/** Shortens libxml2's "{http://schemas.microsoft.com/office/appforoffice/1.1}Id" to "Id" (and the bt: ones to "bt:Image"). */
function readable(message: string): string {
  return message
    .replace(/\{http:\/\/schemas\.microsoft\.com\/office\/officeappbasictypes\/1\.0\}/g, 'bt:')
    .replace(/\{http:\/\/schemas\.microsoft\.com\/office\/(?:appforoffice\/1\.1|taskpaneappversionoverrides)\}/g, '')
    .replace(/\{http:\/\/www\.w3\.org\/2001\/XMLSchema-instance\}/g, 'xsi:')
    .replace(/^(?:element \S+: )?Schemas (?:validity|parser) error : /, '')
    .trim();
}

/** Validates manifest text; fileName only labels the messages. */
export async function validateManifest(xml: string, fileName = 'manifest.xml'): Promise<ManifestVerdict> {
  const [main, ...imported] = loadSchemas();
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [main],
    preload: imported,
  });
  const problems = result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: readable(e.message) }));
  if (!result.valid && problems.length === 0) problems.push({ line: null, message: result.rawOutput.trim() || 'invalid' });
  return { valid: result.valid, problems };
}

/** "manifest.xml:12: Element 'Scrip': This element is not expected. ..." lines for a terminal. */
export function formatProblems(fileName: string, verdict: ManifestVerdict): string[] {
  return verdict.problems.map((p) => `${fileName}${p.line === null ? '' : `:${p.line}`}: ${p.message}`);
}
