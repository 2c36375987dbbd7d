import { XMLParser } from 'fast-xml-parser';
import { GridError, ParseError } from '../domain';
import { decodeText } from './text';

/**
 * XML to plain objects with no DTD and no entity expansion: a document that declares either is
 * refused before parsing, as is one holding a NUL character (raw or as `&#0;`). Attributes appear
 * as `@_name`; namespace prefixes are removed.
 */
export function parseXml(input: Buffer | string, source: string, arrays: string[] = []): Record<string, unknown> {
  const text = typeof input === 'string' ? input : decodeText(input);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new GridError('UNSAFE_INPUT', `${source}: the XML declares a DTD or entities, which gridcell never expands; refusing it.`);
  }
  if (text.includes('\0') || /&#x?0+;/i.test(text))
    throw new ParseError(source, 'the XML holds a NUL character, which XML does not allow: the file is damaged or not XML');
  const arraySet = new Set(arrays);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    processEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => arraySet.has(name),
  });
  try {
    return parser.parse(text, true) as Record<string, unknown>;
  } catch (e) {
    throw new ParseError(source, `not well-formed XML (${(e as Error).message})`);
  }
}
